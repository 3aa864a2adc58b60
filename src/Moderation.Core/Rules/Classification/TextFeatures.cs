using System.Globalization;
using System.Text;

namespace Moderation.Core.Rules.Classification;

/// <summary>
/// The features a linear model reads in a comment, defined exactly as
/// <c>tools/classifier/train.py</c> defines them: words (runs of letters and digits, lower-cased,
/// ё→е, ї→і, й→и), each word with the next, and the short pieces of each word between
/// <c>&lt;</c> and <c>&gt;</c>, each hashed (FNV-1a over UTF-8, modulo the model's buckets).
/// The model file's samples prove that both definitions give the same scores.
/// </summary>
internal static class TextFeatures
{
    public const uint FnvOffset = 2166136261;
    private const uint FnvPrime = 16777619;

    /// <summary>
    /// The comment's words as UTF-8, each written <c>&lt;word&gt;</c> into <paramref name="bytes"/>,
    /// with the byte offset of each of its code points (and of the closing <c>&gt;</c>) in
    /// <paramref name="offsets"/>, and where the word stands in the text (UTF-16).
    /// </summary>
    public static void Words(string text, List<byte> bytes, List<int> offsets, List<Word> words)
    {
        bytes.Clear();
        offsets.Clear();
        words.Clear();
        Span<byte> utf8 = stackalloc byte[4];
        int start = -1;
        int firstOffset = 0;
        int index = 0;
        while (index <= text.Length)
        {
            Rune rune = default;
            int width = 1;
            bool isWord = index < text.Length
                && Rune.DecodeFromUtf16(text.AsSpan(index), out rune, out width) == System.Buffers.OperationStatus.Done
                && IsWordRune(rune);
            if (isWord)
            {
                if (start < 0)
                {
                    start = index;
                    firstOffset = offsets.Count;
                    bytes.Add((byte)'<');
                }

                offsets.Add(bytes.Count);
                int length = Fold(rune).EncodeToUtf8(utf8);
                for (int i = 0; i < length; i++)
                {
                    bytes.Add(utf8[i]);
                }
            }
            else if (start >= 0)
            {
                offsets.Add(bytes.Count);
                bytes.Add((byte)'>');
                words.Add(new Word(firstOffset, offsets.Count - firstOffset - 1, start, index));
                start = -1;
            }

            index += width;
        }
    }

    /// <summary>FNV-1a of <paramref name="kind"/> and a colon, then <paramref name="data"/>.</summary>
    public static uint Hash(char kind, ReadOnlySpan<byte> data) => Add(Start(kind), data);

    public static uint Start(char kind) => Add(Add(FnvOffset, (byte)kind), (byte)':');

    public static uint Add(uint hash, ReadOnlySpan<byte> data)
    {
        foreach (byte value in data)
        {
            hash = Add(hash, value);
        }

        return hash;
    }

    public static uint Add(uint hash, byte value) => unchecked((hash ^ value) * FnvPrime);

    private static bool IsWordRune(Rune rune) => Rune.GetUnicodeCategory(rune) is
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
        or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
        or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber;

    // Python's str.lower() where it gives one code point; İ is the one letter whose lower case is
    // two code points there, so it stays as written, as the trainer leaves it.
    private static Rune Fold(Rune rune)
    {
        if (rune.Value == 'İ')
        {
            return rune;
        }

        Rune lower = Rune.ToLowerInvariant(rune);
        return lower.Value switch
        {
            'ё' => new Rune('е'),
            'ї' => new Rune('і'),
            'й' => new Rune('и'),
            _ => lower,
        };
    }

    /// <summary>
    /// A word: its code points' byte offsets start at <see cref="FirstOffset"/> (the byte before
    /// the first is its <c>&lt;</c>; the offset after the last is its <c>&gt;</c>).
    /// </summary>
    public readonly record struct Word(int FirstOffset, int Length, int Start, int End);
}
