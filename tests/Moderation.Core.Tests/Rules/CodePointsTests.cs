using System.Text;
using Moderation.Core.Rules;

namespace Moderation.Core.Tests.Rules;

public sealed class CodePointsTests
{
    [Theory]
    [InlineData("you are an idiot", new[] { 11, 16 }, "you are an *****")]
    [InlineData("shit and shit", new[] { 9, 13, 0, 4 }, "**** and ****")]
    [InlineData("overlapping", new[] { 0, 5, 3, 8 }, "********ing")]
    [InlineData("a 🤬 b", new[] { 2, 4 }, "a * b")]
    [InlineData("a 🤬 b", new[] { 2, 3 }, "a * b")]
    [InlineData("a 🤬 b", new[] { 3, 5 }, "a 🤬*b")]
    [InlineData("nothing", new int[0], "nothing")]
    public void Mask_Ranges_StarEachCodePointStartingInsideOne(string text, int[] bounds, string expected)
    {
        var ranges = Enumerable.Range(0, bounds.Length / 2).Select(i => (bounds[2 * i], bounds[(2 * i) + 1])).ToList();

        Assert.Equal(expected, CodePoints.Mask(text, ranges));
    }

    [Fact]
    public void Mask_RandomTextsAndRanges_AgreesWithMaskingEachCodePointInTurn()
    {
        var random = new Random(7);
        string[] pieces = ["a", "б", " ", "🤬", "\uD83D", "\uDE00", "x"];
        for (int round = 0; round < 2_000; round++)
        {
            var text = new StringBuilder();
            int parts = random.Next(0, 12);
            for (int p = 0; p < parts; p++)
            {
                text.Append(pieces[random.Next(pieces.Length)]);
            }

            string written = text.ToString();
            var ranges = Enumerable.Range(0, random.Next(0, 4))
                .Select(_ => random.Next(0, written.Length + 1))
                .Select(start => (start, Math.Min(written.Length, start + random.Next(0, 5))))
                .ToList();

            Assert.Equal(MaskEachCodePoint(written, ranges), CodePoints.Mask(written, ranges));
        }
    }

    [Theory]
    [InlineData("plain text", 5, 5)]
    [InlineData("🤬 then", 3, 2)]
    [InlineData("🤬🤬x", 5, 3)]
    public void OffsetOf_Utf16Position_CountsCodePointsBeforeIt(string text, int utf16Index, int expected)
    {
        Assert.Equal(expected, CodePoints.OffsetOf(text, utf16Index));
    }

    // The definition: walk the code points, and star each one whose first unit lies in a range.
    private static string MaskEachCodePoint(string text, List<(int Start, int End)> ranges)
    {
        var masked = new StringBuilder();
        for (int index = 0; index < text.Length;)
        {
            int length = char.IsHighSurrogate(text[index]) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]) ? 2 : 1;
            masked.Append(ranges.Any(r => index >= r.Start && index < r.End) ? "*" : text.Substring(index, length));
            index += length;
        }

        return masked.ToString();
    }
}
