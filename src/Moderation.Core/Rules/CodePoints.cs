using System.Text;

namespace Moderation.Core.Rules;

/// <summary>Converts between .NET's UTF-16 positions and the code-point offsets the API reports.</summary>
public static class CodePoints
{
    /// <summary>The number of code points before UTF-16 position <paramref name="utf16Index"/>.</summary>
    public static int OffsetOf(string text, int utf16Index)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Count(text.AsSpan(0, utf16Index));
    }

    /// <summary>The number of code points in <paramref name="text"/>: a surrogate pair is one, and so is a lone surrogate.</summary>
    public static int Count(ReadOnlySpan<char> text)
    {
        // Without a surrogate, a text counts as many code points as UTF-16 units; the search is vectorized.
        if (!text.ContainsAnyInRange('\uD800', '\uDFFF'))
        {
            return text.Length;
        }

        int codePoints = 0;
        for (int i = 0; i < text.Length; i++)
        {
            // The low half of a surrogate pair belongs to the code point its high half started.
            if (!char.IsLowSurrogate(text[i]) || i == 0 || !char.IsHighSurrogate(text[i - 1]))
            {
                codePoints++;
            }
        }

        return codePoints;
    }

    [ThreadStatic]
    private static (int Start, int End)[]? t_sortedRanges;

    [ThreadStatic]
    private static char[]? t_masked;

    /// <summary>The text with every code point that starts inside one of the UTF-16 ranges replaced by one '*'.</summary>
    public static string Mask(string text, IReadOnlyList<(int Start, int End)> utf16Ranges)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(utf16Ranges);
        if (utf16Ranges.Count == 0)
        {
            return text;
        }

        // Sorted by start, the ranges are walked once beside the text, and the text between them is copied whole.
        var sorted = t_sortedRanges is { } buffer && buffer.Length >= utf16Ranges.Count ? buffer : new (int Start, int End)[Math.Max(16, utf16Ranges.Count)];
        t_sortedRanges = sorted;
        for (int i = 0; i < utf16Ranges.Count; i++)
        {
            sorted[i] = utf16Ranges[i];
        }

        var ranges = sorted.AsSpan(0, utf16Ranges.Count);
        ranges.Sort();
        var into = t_masked is { } masked && masked.Length >= text.Length ? masked : new char[Math.Max(256, text.Length)];
        t_masked = into;
        int written = 0;
        int copied = 0;
        foreach (var (rangeStart, rangeEnd) in ranges)
        {
            int index = Math.Max(rangeStart, copied);
            int end = Math.Min(rangeEnd, text.Length);
            if (index >= end)
            {
                continue;
            }

            // The low half of a pair belongs to the code point before the range: it stays.
            if (char.IsLowSurrogate(text[index]) && index > copied && char.IsHighSurrogate(text[index - 1]))
            {
                index++;
            }

            text.AsSpan(copied, index - copied).CopyTo(into.AsSpan(written));
            written += index - copied;
            while (index < end)
            {
                into[written++] = '*';
                index += CodePointLength(text, index);
            }

            copied = index;
        }

        text.AsSpan(copied).CopyTo(into.AsSpan(written));
        written += text.Length - copied;
        return new string(into, 0, written);
    }

    /// <summary>How many UTF-16 units the code point at <paramref name="index"/> takes: 2 for a whole surrogate pair, else 1.</summary>
    private static int CodePointLength(string text, int index) =>
        char.IsHighSurrogate(text[index]) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]) ? 2 : 1;
}
