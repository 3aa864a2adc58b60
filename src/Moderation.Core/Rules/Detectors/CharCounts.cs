using System.Numerics;
using System.Runtime.InteropServices;
using System.Text;

namespace Moderation.Core.Rules.Detectors;

/// <summary>
/// Vectorized counts of characters in a range: the spam and contact signals count letters,
/// capitals, digits and spaces of every comment, and a loop of one character at a time was a
/// few per cent of a whole evaluation.
/// </summary>
internal static class CharCounts
{
    /// <summary>How many characters of <paramref name="text"/> lie in [<paramref name="low"/>, <paramref name="high"/>].</summary>
    public static int InRange(ReadOnlySpan<char> text, char low, char high)
    {
        var units = MemoryMarshal.Cast<char, ushort>(text);
        int count = 0;
        int i = 0;
        if (Vector.IsHardwareAccelerated && units.Length >= Vector<ushort>.Count)
        {
            var lowest = new Vector<ushort>(low);
            var width = new Vector<ushort>((ushort)(high - low));
            // A lane that matches is all ones, so subtracting it adds one; a lane holds at most
            // ushort.MaxValue, so the lanes are summed before they could overflow.
            var lanes = Vector<ushort>.Zero;
            int inLanes = 0;
            for (; i <= units.Length - Vector<ushort>.Count; i += Vector<ushort>.Count)
            {
                var chunk = new Vector<ushort>(units[i..]);
                lanes -= Vector.LessThanOrEqual(chunk - lowest, width);
                if (++inLanes == ushort.MaxValue)
                {
                    count += SumOf(lanes);
                    lanes = Vector<ushort>.Zero;
                    inLanes = 0;
                }
            }

            count += SumOf(lanes);
        }

        for (; i < units.Length; i++)
        {
            count += (uint)(units[i] - low) <= (uint)(high - low) ? 1 : 0;
        }

        return count;
    }

    /// <summary>
    /// The length of the run of ASCII characters <paramref name="text"/> begins with, when it is
    /// long enough to be worth counting by vector; otherwise 0.
    /// </summary>
    public static int AsciiRunAt(ReadOnlySpan<char> text)
    {
        const int worthCounting = 16;
        // A space between Cyrillic or Korean words is turned away by its neighbour, before the vector test.
        if (text.Length < worthCounting || text[1] >= 0x80 || text[worthCounting - 1] >= 0x80 || !Ascii.IsValid(text[..worthCounting]))
        {
            return 0;
        }

        int end = text.IndexOfAnyExceptInRange('\0', '\x7F');
        return end < 0 ? text.Length : end;
    }

    private static int SumOf(Vector<ushort> lanes)
    {
        Vector.Widen(lanes, out var lower, out var upper);
        return (int)Vector.Sum(lower + upper);
    }
}
