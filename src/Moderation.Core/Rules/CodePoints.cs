using System.Text;

namespace Moderation.Core.Rules;

/// <summary>Converts between .NET's UTF-16 positions and the code-point offsets the API reports.</summary>
public static class CodePoints
{
    /// <summary>The number of code points before UTF-16 position <paramref name="utf16Index"/>.</summary>
    public static int OffsetOf(string text, int utf16Index)
    {
        ArgumentNullException.ThrowIfNull(text);

        // Without a surrogate before it, a position counts as many code points as UTF-16 units; the search is vectorized.
        if (!text.AsSpan(0, utf16Index).ContainsAnyInRange('\uD800', '\uDFFF'))
        {
            return utf16Index;
        }

        int codePoints = 0;
        for (int i = 0; i < utf16Index; i++)
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

    /// <summary>The text with every code point inside the UTF-16 ranges replaced by one '*'.</summary>
    public static string Mask(string text, IReadOnlyList<(int Start, int End)> utf16Ranges)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(utf16Ranges);
        if (utf16Ranges.Count == 0)
        {
            return text;
        }

        // Sorted by start, the ranges are walked once beside the text rather than searched for each code point.
        var sorted = t_sortedRanges is { } buffer && buffer.Length >= utf16Ranges.Count ? buffer : new (int Start, int End)[Math.Max(16, utf16Ranges.Count)];
        t_sortedRanges = sorted;
        for (int i = 0; i < utf16Ranges.Count; i++)
        {
            sorted[i] = utf16Ranges[i];
        }

        var ranges = sorted.AsSpan(0, utf16Ranges.Count);
        ranges.Sort();
        int length = 0;
        var inside = new Coverage();
        for (int index = 0; index < text.Length; index += CodePointLength(text, index))
        {
            length += inside.Holds(ranges, index) ? 1 : CodePointLength(text, index);
        }

        return string.Create(length, (text, sorted, utf16Ranges.Count), static (into, state) =>
        {
            var (text, sorted, count) = state;
            var ranges = sorted.AsSpan(0, count);
            var inside = new Coverage();
            int written = 0;
            for (int index = 0; index < text.Length;)
            {
                int consumed = CodePointLength(text, index);
                if (inside.Holds(ranges, index))
                {
                    into[written++] = '*';
                }
                else
                {
                    text.AsSpan(index, consumed).CopyTo(into[written..]);
                    written += consumed;
                }

                index += consumed;
            }
        });
    }

    /// <summary>How many UTF-16 units the code point at <paramref name="index"/> takes: 2 for a whole surrogate pair, else 1.</summary>
    private static int CodePointLength(string text, int index) =>
        char.IsHighSurrogate(text[index]) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]) ? 2 : 1;

    /// <summary>Whether ascending positions lie inside ranges sorted by start: the ranges begun so far, and the furthest end among them.</summary>
    private struct Coverage
    {
        private int _next;
        private int _end;

        public bool Holds(ReadOnlySpan<(int Start, int End)> ranges, int index)
        {
            while (_next < ranges.Length && ranges[_next].Start <= index)
            {
                _end = Math.Max(_end, ranges[_next].End);
                _next++;
            }

            return index < _end;
        }
    }
}
