using System.Globalization;
using System.Text;

namespace Moderation.Core.Rules;

/// <summary>
/// Splits text into words of Unicode letters, digits and combining marks, lower-cased, with
/// their UTF-16 positions. Word boundaries are Unicode-aware so that a term never matches inside
/// a longer word in any script ("bi" is not found in "biólogos", decomposed or not).
/// </summary>
internal static class WordTokenizer
{
    internal readonly record struct Word(string Text, int Start, int End);

    public static List<Word> Tokenize(string text)
    {
        var words = new List<Word>();
        var current = new StringBuilder();
        int start = -1;
        int index = 0;
        while (index < text.Length)
        {
            Rune.DecodeFromUtf16(text.AsSpan(index), out Rune rune, out int consumed);
            if (IsWordRune(rune))
            {
                if (start < 0)
                {
                    start = index;
                }

                current.Append(Rune.ToLowerInvariant(rune).ToString());
            }
            else if (start >= 0)
            {
                words.Add(new Word(current.ToString(), start, index));
                current.Clear();
                start = -1;
            }

            index += consumed;
        }

        if (start >= 0)
        {
            words.Add(new Word(current.ToString(), start, text.Length));
        }

        return words;
    }

    private static bool IsWordRune(Rune rune) =>
        Rune.IsLetterOrDigit(rune) || Rune.GetUnicodeCategory(rune) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;
}
