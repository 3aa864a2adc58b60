using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace Moderation.Core.Rules.Normalization;

/// <summary>
/// The first reading of a text: HTML character references decoded, invisible characters and
/// combining marks dropped, compatibility forms decomposed (fullwidth, mathematical, circled
/// letters), lower-cased, and look-alike letters of other scripts read as the Latin letter they
/// imitate. Every output character keeps the original range it came from.
/// </summary>
internal static class TextFolder
{
    // Folding a non-ASCII code point needs a normalization call; the answer never changes, so
    // it is computed once per code point. Bounded by the code points that exist.
    private static readonly ConcurrentDictionary<int, string> FoldedCodePoints = new();

    private static readonly Dictionary<string, int> NamedEntities = new(StringComparer.Ordinal)
    {
        ["amp"] = '&', ["lt"] = '<', ["gt"] = '>', ["quot"] = '"', ["apos"] = '\'',
        ["nbsp"] = 0xA0, ["shy"] = 0xAD, ["zwj"] = 0x200D, ["zwnj"] = 0x200C,
    };

    public static TextView Fold(string text)
    {
        var view = new TextView(text.Length);
        Fold(text, view);
        return view;
    }

    /// <summary>
    /// Folds <paramref name="text"/> into <paramref name="view"/>, replacing what it held.
    /// Returns whether some word could be meant in either script; <paramref name="otherScript"/>
    /// reads such words in the script their majority of letters is not.
    /// </summary>
    public static bool Fold(string text, TextView view, bool otherScript = false) =>
        Fold(text, 0, text.Length, view, otherScript, eitherWords: null);

    /// <summary>
    /// Folds the part [<paramref name="from"/>, <paramref name="to"/>) of <paramref name="text"/>,
    /// which must begin and end between words, and adds the original range of every word that
    /// could be meant in either script to <paramref name="eitherWords"/> when one is given.
    /// </summary>
    public static bool Fold(string text, int from, int to, TextView view, bool otherScript, List<(int Start, int End)>? eitherWords)
    {
        bool either = FoldParts(text, from, to, view, otherScript, eitherWords);
        if (text.AsSpan(from, to - from).ContainsAnyInRange(HangulJamoSpelling.FirstCompatibilityJamo, HangulJamoSpelling.LastCompatibilityJamo))
        {
            HangulJamoSpelling.ReadFinals(text, view);
        }

        return either;
    }

    private static bool FoldParts(string text, int from, int to, TextView view, bool otherScript, List<(int Start, int End)>? eitherWords)
    {
        view.Clear();
        var part = text.AsSpan(from, to - from);
        // Cyrillic written as character references ("&#1089;&#1091;&#1082;&#1072;") needs the word-by-word reading too.
        if (!part.ContainsAnyInRange(CyrillicScript.First, CyrillicScript.Last) && !part.Contains("&#", StringComparison.Ordinal))
        {
            int index = from;
            while (index < to)
            {
                int start = index;
                int codePoint = ReadCodePoint(text, ref index);
                Append(view, codePoint, start, index);
            }

            return false;
        }

        return FoldWordByWord(text, from, to, view, otherScript, eitherWords);
    }

    /// <summary>
    /// A text with Cyrillic in it is folded a word at a time, each word in the script it is
    /// written in: "КУРВА", "курВа" and "kурва" (a Latin k) all read "курва", while "раураl"
    /// (Cyrillic р, а, у) still reads "paypal". Letter by letter, the capitals В К М Н Т would
    /// turn into Latin and the lower-case letters would not, so a word's case would decide
    /// whether its term matches.
    /// </summary>
    private static bool FoldWordByWord(string text, int from, int to, TextView view, bool otherScript, List<(int Start, int End)>? eitherWords)
    {
        bool sawEither = false;
        var points = t_points ??= new List<(int CodePoint, int Start, int End)>(64);
        int index = from;
        while (index < to)
        {
            int start = index;
            int codePoint = ReadCodePoint(text, ref index);
            if (!CyrillicScript.IsWordPart(codePoint))
            {
                Append(view, codePoint, start, index);
                continue;
            }

            // A word of ASCII characters, each one code point, has no Cyrillic letter to vote
            // with: it folds as in any Latin text, straight from the text.
            int wordEnd = index;
            bool ascii = codePoint < 0x80 && index == start + 1;
            while (wordEnd < to)
            {
                int next = wordEnd;
                int partOfWord = ReadCodePoint(text, ref next);
                if (!CyrillicScript.IsWordPart(partOfWord))
                {
                    break;
                }

                ascii &= partOfWord < 0x80 && next == wordEnd + 1;
                wordEnd = next;
            }

            if (ascii)
            {
                for (int k = start; k < wordEnd; k++)
                {
                    view.Add(char.ToLowerInvariant(text[k]), k, k + 1);
                }

                index = wordEnd;
                continue;
            }

            points.Clear();
            for (index = start; index < wordEnd;)
            {
                int pointStart = index;
                points.Add((ReadCodePoint(text, ref index), pointStart, index));
            }

            sawEither |= FoldWord(points, view, otherScript, eitherWords);
        }

        return sawEither;
    }

    /// <summary>Folds one word in the script it reads in; returns whether it could be meant in either.</summary>
    private static bool FoldWord(List<(int CodePoint, int Start, int End)> points, TextView view, bool otherScript, List<(int Start, int End)>? eitherWords)
    {
        bool readsAsCyrillic = CyrillicScript.ReadsAsCyrillic(CollectionsMarshal.AsSpan(points), out bool either);
        if (either)
        {
            eitherWords?.Add((points[0].Start, points[^1].End));
        }

        if (readsAsCyrillic != (either && otherScript))
        {
            bool readDigits = CyrillicScript.CountCyrillicLetters(CollectionsMarshal.AsSpan(points)) >= 2;
            for (int k = 0; k < points.Count; k++)
            {
                var (codePoint, start, end) = points[k];

                // An @ between letters may stand for any of them ("бл@дь" is бл-я-дь), so it
                // stays a mask for the masked-word search; at a word's end it is an а ("сук@").
                bool maskBetweenLetters = codePoint == '@' && k > 0 && k < points.Count - 1;
                if (!maskBetweenLetters && CyrillicScript.LetterFor(codePoint, readDigits) is not '\0' and char cyrillic)
                {
                    view.Add(cyrillic, start, end);
                }
                else
                {
                    Append(view, codePoint, start, end);
                }
            }
        }
        else
        {
            foreach (var (codePoint, start, end) in points)
            {
                Append(view, codePoint, start, end);
            }
        }

        return either;
    }

    [ThreadStatic]
    private static List<(int CodePoint, int Start, int End)>? t_points;

    /// <summary>The code point at <paramref name="index"/>, an HTML character reference read as the one it names.</summary>
    private static int ReadCodePoint(string text, ref int index)
    {
        char first = text[index];
        if (first < 0x80 && first is not ('|' or '(' or '&'))
        {
            index++;
            return first;
        }

        // "|_|" and "(_)" draw a u ("f|_|ck"); read them as one letter spanning all three.
        if (text[index] is '|' or '(' && index + 2 < text.Length && text[index + 1] == '_' && text[index + 2] == (text[index] == '|' ? '|' : ')'))
        {
            index += 3;
            return 'u';
        }

        if (text[index] == '&' && TryReadEntity(text, index, out int codePoint, out int entityLength))
        {
            index += entityLength;
            return codePoint;
        }

        Rune.DecodeFromUtf16(text.AsSpan(index), out Rune rune, out int consumed);
        index += consumed;
        return rune.Value;
    }

    private static void Append(TextView view, int codePoint, int start, int end)
    {
        if (codePoint < 0x80)
        {
            view.Add(char.ToLowerInvariant((char)codePoint), start, end);
            return;
        }

        if (CharClasses.IsInvisible(codePoint))
        {
            return;
        }

        string folded = FoldedCodePoints.GetOrAdd(codePoint, FoldCodePoint);
        if (folded.Length == 0 && view.Length > 0)
        {
            // A dropped combining mark belongs to the letter before it: spans cover whole graphemes.
            view.ExtendLast(end);
        }

        foreach (char c in folded)
        {
            view.Add(c, start, end);
        }
    }

    /// <summary>What one non-ASCII code point reads as: zero or more lower-case characters.</summary>
    private static string FoldCodePoint(int codePoint)
    {
        if (!Rune.IsValid(codePoint))
        {
            return " ";
        }

        // Ukrainian writes its apostrophe as U+02BC, a letter to Unicode, or as a quotation
        // mark; all read as the ASCII one, so "вбʼю", "вб’ю" and "вб'ю" are one word.
        if (codePoint is 0x02BC or 0x2019 or 0x2018 or 0x00B4 or 0x02B9)
        {
            return "'";
        }

        // Fullwidth and mathematical letters decompose to the ASCII letter they are, case
        // included: 'Ｉ' and '𝗜' are an I, which the confusables table would read as an 'l'.
        string decomposed = new Rune(codePoint).ToString().Normalize(NormalizationForm.FormKD);
        if (decomposed.Length == 1 && char.IsAsciiLetter(decomposed[0]))
        {
            return char.ToLowerInvariant(decomposed[0]).ToString();
        }

        if (Confusables.LatinLetterFor(codePoint) is not '\0' and char direct)
        {
            return direct.ToString();
        }

        var folded = new StringBuilder();
        foreach (Rune part in decomposed.EnumerateRunes())
        {
            if (CharClasses.IsMark(part) || CharClasses.IsInvisible(part.Value))
            {
                continue;
            }

            var lower = Rune.ToLowerInvariant(part);
            char latin = Confusables.LatinLetterFor(lower.Value);
            folded.Append(latin != '\0' ? latin.ToString() : LatinWithoutDecomposition(lower) ?? lower.ToString());
        }

        return folded.ToString();
    }

    /// <summary>Latin letters that look like a base letter but have no decomposition to it.</summary>
    private static string? LatinWithoutDecomposition(Rune rune) => rune.Value switch
    {
        'ß' => "ss",
        'æ' => "ae",
        'œ' => "oe",
        'ø' => "o",
        'đ' => "d",
        'ł' => "l",
        'ħ' => "h",
        'ŧ' => "t",

        // Greek letters drawn like Latin ones that UTS #39 does not list (dιϲκ, ρrιϲκ).
        'ι' => "i",
        'κ' => "k",
        'ϲ' => "c",
        'ν' => "v",
        'τ' => "t",
        'ρ' => "p",
        'ο' => "o",
        'α' => "a",
        'ε' => "e",
        'υ' => "u",
        'χ' => "x",
        'η' => "n",
        'ω' => "w",
        _ => null,
    };

    private static readonly System.Buffers.SearchValues<char> AsciiLettersAndDigits =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");

    /// <summary>Any other HTML named reference (&amp;uuml;, &amp;eacute;, ...) that stands for one code point.</summary>
    private static bool TryDecodeNamed(ReadOnlySpan<char> name, out int codePoint)
    {
        codePoint = 0;
        if (name.Length is 0 or > 10 || name.ContainsAnyExcept(AsciiLettersAndDigits))
        {
            return false;
        }

        string decoded = System.Net.WebUtility.HtmlDecode($"&{name};");
        if (decoded.Length == 0 || decoded[0] == '&' || Rune.DecodeFromUtf16(decoded, out Rune rune, out int consumed) != System.Buffers.OperationStatus.Done || consumed != decoded.Length)
        {
            return false;
        }

        codePoint = rune.Value;
        return true;
    }

    /// <summary>Reads <c>&amp;#102;</c>, <c>&amp;#x66;</c> or a common named reference at <paramref name="index"/>.</summary>
    private static bool TryReadEntity(string text, int index, out int codePoint, out int length)
    {
        codePoint = 0;
        length = 0;
        int semicolon = text.IndexOf(';', index + 1, Math.Min(12, text.Length - index - 1));
        if (semicolon < 0)
        {
            return false;
        }

        var body = text.AsSpan(index + 1, semicolon - index - 1);
        bool parsed = body switch
        {
            ['#', 'x' or 'X', .. var hex] => int.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out codePoint),
            ['#', .. var digits] => int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out codePoint),
            _ => NamedEntities.TryGetValue(body.ToString(), out codePoint) || TryDecodeNamed(body, out codePoint),
        };
        if (!parsed || !Rune.IsValid(codePoint) || codePoint == 0)
        {
            return false;
        }

        length = semicolon - index + 1;
        return true;
    }
}
