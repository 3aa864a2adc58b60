using System.Globalization;
using System.Text;

namespace Moderation.Core.Rules.Normalization;

/// <summary>
/// How a word with Cyrillic in it is read: which script it is written in, and the Cyrillic
/// letter each of its characters stands for (Latin look-alikes, capitals, accents and the
/// digits and symbols used as Cyrillic leet: 6 б, 3 з, 0 о, 9 я, 4 ч, 1 и, @ а).
/// </summary>
internal static class CyrillicScript
{
    public const char First = '\u0400';
    public const char Last = '\u052F';

    // Latin letters drawn like a Cyrillic one, by case: a capital B is a В, a small b a б.
    private static readonly Dictionary<char, char> LatinLookAlikes = new()
    {
        ['A'] = 'а', ['B'] = 'в', ['C'] = 'с', ['E'] = 'е', ['H'] = 'н', ['I'] = 'і', ['K'] = 'к', ['M'] = 'м',
        ['N'] = 'п', ['O'] = 'о', ['P'] = 'р', ['T'] = 'т', ['X'] = 'х', ['Y'] = 'у',
        ['a'] = 'а', ['b'] = 'б', ['c'] = 'с', ['d'] = 'д', ['e'] = 'е', ['h'] = 'н', ['i'] = 'і', ['k'] = 'к',
        ['m'] = 'м', ['n'] = 'п', ['o'] = 'о', ['p'] = 'р', ['r'] = 'г', ['t'] = 'т', ['u'] = 'и', ['x'] = 'х',
        ['y'] = 'у',
    };

    // Latin letters with no Cyrillic look-alike, read by their sound when they stand inside a
    // Cyrillic word ("пиzдец", "бlя"); they do not make a word Latin-looking.
    private static readonly Dictionary<char, char> SoundAlikes = new()
    {
        ['f'] = 'ф', ['g'] = 'г', ['l'] = 'л', ['s'] = 'с', ['v'] = 'в', ['z'] = 'з',
        ['F'] = 'ф', ['G'] = 'г', ['L'] = 'л', ['S'] = 'с', ['V'] = 'в', ['Z'] = 'з', ['D'] = 'д', ['R'] = 'г',
    };

    private static readonly Dictionary<char, char> LeetLetters = new()
    {
        ['6'] = 'б', ['3'] = 'з', ['0'] = 'о', ['9'] = 'я', ['4'] = 'ч', ['@'] = 'а',
        // A 1 is an и or і drawn as a stroke ("ху1ло", "п1здець"); и is the reading the roots share, as й folds to it.
        ['1'] = 'и',
    };

    public static bool IsCyrillic(int codePoint) => codePoint is >= First and <= Last;

    /// <summary>What keeps a word together while its script is decided: letters, digits, marks, leet and mask symbols, invisible characters.</summary>
    public static bool IsWordPart(int codePoint)
    {
        if (codePoint < 0x80)
        {
            return char.IsAsciiLetterOrDigit((char)codePoint) || codePoint is '@' or '*' or '#' or '$';
        }

        if (CharClasses.IsInvisible(codePoint) || !Rune.IsValid(codePoint))
        {
            return CharClasses.IsInvisible(codePoint);
        }

        var category = Rune.GetUnicodeCategory(new Rune(codePoint));
        return category is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.DecimalDigitNumber
            or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark;
    }

    /// <summary>
    /// Whether the word of <paramref name="points"/> is Cyrillic: by the letters only one script has (д, ж, и
    /// against f, s, z); where those tie, by the script of most of its letters.
    /// <paramref name="either"/> tells that it mixes the scripts with only letters both have
    /// ("KУPBA", "сOсK"), so it could be meant as either.
    /// </summary>
    public static bool ReadsAsCyrillic(ReadOnlySpan<(int CodePoint, int Start, int End)> points, out bool either)
    {
        int cyrillic = 0, latin = 0, onlyCyrillic = 0, onlyLatin = 0;
        foreach (var (codePoint, _, _) in points)
        {
            if (IsCyrillic(codePoint))
            {
                cyrillic++;
                if (Confusables.LatinLetterFor(codePoint) == '\0')
                {
                    onlyCyrillic++;
                }
            }
            else if (codePoint < 0x80 && char.IsAsciiLetter((char)codePoint))
            {
                latin++;
                if (!LatinLookAlikes.ContainsKey((char)codePoint))
                {
                    onlyLatin++;
                }
            }
        }

        either = cyrillic > 0 && latin > 0 && onlyCyrillic == 0 && onlyLatin == 0;
        if (cyrillic == 0)
        {
            return false;
        }

        return onlyCyrillic != onlyLatin ? onlyCyrillic > onlyLatin : cyrillic > latin;
    }

    public static int CountCyrillicLetters(ReadOnlySpan<(int CodePoint, int Start, int End)> points)
    {
        int count = 0;
        foreach (var (codePoint, _, _) in points)
        {
            count += IsCyrillic(codePoint) ? 1 : 0;
        }

        return count;
    }

    /// <summary>
    /// The lower-case Cyrillic letter <paramref name="codePoint"/> reads as inside a Cyrillic
    /// word (й as и, ё as е, ї as і, as the marks are dropped everywhere), or '\0' for
    /// characters that fold as in any other word. Digits read as letters only when
    /// <paramref name="readDigits"/> (the word has two Cyrillic letters or more, so "Су34" style
    /// codes are rare and "6ля" common).
    /// </summary>
    public static char LetterFor(int codePoint, bool readDigits)
    {
        if (codePoint < 0x80)
        {
            char c = (char)codePoint;
            if (LatinLookAlikes.TryGetValue(c, out char letter) || SoundAlikes.TryGetValue(c, out letter))
            {
                return letter;
            }

            return (readDigits || c == '@') && LeetLetters.TryGetValue(c, out letter) ? letter : '\0';
        }

        if (!IsCyrillic(codePoint))
        {
            return '\0';
        }

        return FoldedLetters.GetOrAdd(codePoint, static cp =>
        {
            string lower = char.ToLowerInvariant((char)cp).ToString().Normalize(NormalizationForm.FormD);
            return lower[0];
        });
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, char> FoldedLetters = new();
}
