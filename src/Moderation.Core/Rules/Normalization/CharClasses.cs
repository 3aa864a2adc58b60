using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace Moderation.Core.Rules.Normalization;

/// <summary>The character classes the normalizer and matcher agree on.</summary>
internal static class CharClasses
{
    // Every loop over a reading asks these once a character; the large normalizing methods use
    // up the JIT's inlining budget, so they are marked to be inlined all the same.

    /// <summary>A character that is part of a word in a folded view.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsWord(char c) => c < 0x80 ? (uint)((c | 0x20) - 'a') <= 'z' - 'a' || (uint)(c - '0') <= 9 : char.IsLetterOrDigit(c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsLetter(char c) => c < 0x80 ? (uint)((c | 0x20) - 'a') <= 'z' - 'a' : char.IsLetter(c);

    /// <summary>
    /// Characters that render as nothing and are used to split words invisibly: zero-width
    /// spaces and joiners, bidi controls, word joiners, the BOM, the soft hyphen, variation
    /// selectors and the combining grapheme joiner.
    /// </summary>
    public static bool IsInvisible(int codePoint) => codePoint switch
    {
        0x00AD or 0x034F or 0x061C or 0x180E or 0xFEFF => true,
        >= 0x200B and <= 0x200F => true,
        >= 0x202A and <= 0x202E => true,
        >= 0x2060 and <= 0x2064 => true,
        >= 0x2066 and <= 0x2069 => true,
        >= 0xFE00 and <= 0xFE0F => true,
        >= 0xE0100 and <= 0xE01EF => true,
        _ => false,
    };

    public static bool IsMark(Rune rune) =>
        Rune.GetUnicodeCategory(rune) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark;
}
