using System.Globalization;
using System.Text;
using Moderation.Core.Rules.Matching;

namespace Moderation.Core.Rules.Classification;

/// <summary>
/// The features a linear model reads in a comment, defined exactly as
/// <c>tools/classifier/train.py</c> defines them: words (runs of letters and digits, lower-cased,
/// ё→е, ї→і, й→и), each word with the next, and the short pieces of each word between
/// <c>&lt;</c> and <c>&gt;</c>, each hashed (FNV-1a, one step per code point, modulo the
/// model's buckets). Words in quotation marks are left out (<see cref="Quotations"/>).
/// The model file's samples prove that both definitions give the same scores.
/// </summary>
internal static class TextFeatures
{
    private const uint FnvOffset = 2166136261;
    private const uint FnvPrime = 16777619;

    [ThreadStatic]
    private static List<(int Open, int Close)>? t_passages;

    /// <summary>
    /// The comment's words, each written <c>&lt;word&gt;</c> as folded code points into
    /// <paramref name="codePoints"/>, and where each word stands in the text (UTF-16).
    /// </summary>
    public static void Words(string text, List<int> codePoints, List<Word> words)
    {
        codePoints.Clear();
        words.Clear();
        var passages = t_passages ??= [];
        Quotations.Passages(text, passages);
        int passage = 0;
        int start = -1;
        int first = 0;
        int index = 0;
        while (index <= text.Length)
        {
            int width = 1;
            int folded = -1;
            while (passage < passages.Count && passages[passage].Close < index)
            {
                passage++;
            }

            if (passage < passages.Count && passages[passage].Open <= index)
            {
                // A quoted passage is someone else's words: "he wrote «сдохни»" is not a death wish.
            }
            else if (index < text.Length && text[index] < 0x80)
            {
                // Most comments are mostly ASCII, whose folding needs no Unicode tables.
                char c = text[index];
                folded = char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : -1;
            }
            else if (index < text.Length
                && Rune.DecodeFromUtf16(text.AsSpan(index), out var rune, out width) == System.Buffers.OperationStatus.Done
                && IsWordRune(rune))
            {
                folded = Fold(rune);
            }

            if (folded >= 0)
            {
                if (start < 0)
                {
                    start = index;
                    codePoints.Add('<');
                    first = codePoints.Count;
                }

                codePoints.Add(folded);
            }
            else if (start >= 0)
            {
                words.Add(new Word(first, codePoints.Count - first, start, index));
                codePoints.Add('>');
                start = -1;
            }

            index += width;
        }
    }

    /// <summary>FNV-1a of <paramref name="kind"/>, a colon, then <paramref name="codePoints"/>, one step per code point.</summary>
    public static uint Hash(char kind, ReadOnlySpan<int> codePoints) => Add(Start(kind), codePoints);

    /// <summary>The hash of <paramref name="kind"/> and its colon, which every feature of that kind starts from.</summary>
    public static uint Start(char kind) => Add(Add(FnvOffset, kind), ':');

    public static uint Add(uint hash, ReadOnlySpan<int> codePoints)
    {
        foreach (int codePoint in codePoints)
        {
            hash = Add(hash, codePoint);
        }

        return hash;
    }

    public static uint Add(uint hash, int codePoint) => unchecked((hash ^ (uint)codePoint) * FnvPrime);

    private static bool IsWordRune(Rune rune) => Rune.GetUnicodeCategory(rune) is
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
        or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
        or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber;

    // Python's str.lower() where it gives one code point; İ is the one letter whose lower case is
    // two code points there, so it stays as written, as the trainer leaves it.
    private static int Fold(Rune rune)
    {
        if (rune.Value == 'İ')
        {
            return rune.Value;
        }

        int lower = Rune.ToLowerInvariant(rune).Value;
        return lower switch
        {
            'ё' => 'е',
            'ї' => 'і',
            'й' => 'и',
            _ => lower,
        };
    }

    /// <summary>
    /// A word: its code points start at <see cref="First"/>, between a <c>&lt;</c> just before
    /// and a <c>&gt;</c> just after; <see cref="Start"/> and <see cref="End"/> are UTF-16 positions in the text.
    /// </summary>
    public readonly record struct Word(int First, int Length, int Start, int End);
}
