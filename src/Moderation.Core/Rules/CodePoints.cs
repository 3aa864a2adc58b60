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

        var builder = new StringBuilder(text.Length);
        int index = 0;
        while (index < text.Length)
        {
            Rune.DecodeFromUtf16(text.AsSpan(index), out _, out int consumed);
            builder.Append(IsInside(utf16Ranges, index) ? "*" : text.AsSpan(index, consumed));
            index += consumed;
        }

        return builder.ToString();
    }

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
