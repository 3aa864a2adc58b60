namespace Moderation.Core.Rules.Normalization;

/// <summary>
/// Korean spelled out in separate letters ("ㅅㅣㅂㅏㄹ" for 시발, "ㅂㅕㅇㅅㅣㄴ" for 병신). Folding
/// decomposes a syllable into conjoining jamo with its last consonant as a final (시발 reads
/// ᄉ ᅵ ᄇ ᅡ ᆯ), while a separate letter ㄹ decomposes to the initial ᄅ, so the spelled-out word
/// would never read as the syllables it spells. A consonant letter that closes a syllable spelled
/// out in letters (a consonant letter and a vowel letter before it, no vowel after it) is read as
/// that syllable's final. Abbreviations of initials ("ㅅㅂ", "ㅠㅠㅅㅂ", "아ㅅㅂ") have no such
/// syllable and stay as they are.
/// </summary>
internal static class HangulJamoSpelling
{
    /// <summary>The Hangul compatibility jamo block: the separate letters a keyboard types.</summary>
    public const char FirstCompatibilityJamo = '\u3131';

    public const char LastCompatibilityJamo = '\u318E';

    // The final (U+11A8...) for each initial consonant U+1100...U+1112; '\0' where none exists (ㄸ, ㅃ, ㅉ).
    private const string FinalOfInitial = "\u11A8\u11A9\u11AB\u11AE\0\u11AF\u11B7\u11B8\0\u11BA\u11BB\u11BC\u11BD\0\u11BE\u11BF\u11C0\u11C1\u11C2";

    /// <summary>Reads, in the folded <paramref name="view"/> of <paramref name="text"/>, each spelled-out syllable's closing consonant as a final.</summary>
    public static void ReadFinals(string text, TextView view)
    {
        for (int i = 2; i < view.Length; i++)
        {
            char c = view[i];
            if (c is < '\u1100' or > '\u1112'
                || !IsVowel(view[i - 1]) || !IsInitial(view[i - 2])
                || (i + 1 < view.Length && IsVowel(view[i + 1]))
                || !IsSpelledOut(text, view, i) || !IsSpelledOut(text, view, i - 1) || !IsSpelledOut(text, view, i - 2))
            {
                continue;
            }

            char final = FinalOfInitial[c - '\u1100'];
            if (final != '\0')
            {
                view.Set(i, final);
            }
        }
    }

    private static bool IsVowel(char c) => c is >= '\u1161' and <= '\u1175';

    private static bool IsInitial(char c) => c is >= '\u1100' and <= '\u1112';

    /// <summary>Whether the folded character came from a separate letter rather than from a syllable.</summary>
    private static bool IsSpelledOut(string text, TextView view, int index) =>
        view.EndOf(index) - view.StartOf(index) == 1 && text[view.StartOf(index)] is >= FirstCompatibilityJamo and <= LastCompatibilityJamo;
}
