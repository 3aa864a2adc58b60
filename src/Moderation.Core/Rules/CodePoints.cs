using System.Text;

namespace Moderation.Core.Rules;

/// <summary>Converts between .NET's UTF-16 positions and the code-point offsets the API reports.</summary>
public static class CodePoints
{
    /// <summary>The number of code points before UTF-16 position <paramref name="utf16Index"/>.</summary>
    public static int OffsetOf(string text, int utf16Index)
    {
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

    /// <summary>The text with every code point inside the UTF-16 ranges replaced by one '*'.</summary>
    public static string Mask(string text, IReadOnlyList<(int Start, int End)> utf16Ranges)
    {
        if (utf16Ranges.Count == 0)
        {
            return text;
        }

        int length = 0;
        for (int index = 0; index < text.Length; index += CodePointLength(text, index))
        {
            length += IsInside(utf16Ranges, index) ? 1 : CodePointLength(text, index);
        }

        return string.Create(length, (text, utf16Ranges), static (into, state) =>
        {
            var (text, ranges) = state;
            int written = 0;
            for (int index = 0; index < text.Length;)
            {
                int consumed = CodePointLength(text, index);
                if (IsInside(ranges, index))
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

    private static bool IsInside(IReadOnlyList<(int Start, int End)> ranges, int index)
    {
        for (int i = 0; i < ranges.Count; i++)
        {
            if (index >= ranges[i].Start && index < ranges[i].End)
            {
                return true;
            }
        }

        return false;
    }
}
