namespace Moderation.Core.Rules;

/// <summary>
/// The languages a comment is written in, told by its letters: Hangul is Korean, Cyrillic with
/// і, ї, є or ґ is Ukrainian, other Cyrillic Russian, Latin English. Enough to choose an
/// author message and to skip the rules of a script the comment does not use; not a language
/// detector for anything finer.
/// </summary>
public static class CommentLanguage
{
    /// <summary>The languages the service's rules and messages know.</summary>
    public static IReadOnlyList<string> Known { get; } = ["en", "ru", "uk", "ko"];

    /// <summary>The language most of the comment's letters are in; "en" when it has none of these.</summary>
    public static string Main(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var (latin, cyrillic, hangul, ukrainian) = Count(text);
        if (hangul > latin && hangul > cyrillic)
        {
            return "ko";
        }

        if (cyrillic > latin)
        {
            return ukrainian ? "uk" : "ru";
        }

        return "en";
    }

    /// <summary>Whether the comment has letters of <paramref name="language"/>'s script (Russian and Ukrainian share theirs).</summary>
    public static bool HasScriptOf(string text, string language)
    {
        ArgumentNullException.ThrowIfNull(text);
        var (latin, cyrillic, hangul, _) = Count(text);
        return language switch
        {
            "en" => latin > 0,
            "ru" or "uk" => cyrillic > 0,
            "ko" => hangul > 0,
            _ => true,
        };
    }

    /// <summary>A Hangul letter as written: a syllable, a jamo or a compatibility jamo (ㅋ, ㅅ).</summary>
    public static bool IsHangul(char c) => c is (>= '\uAC00' and <= '\uD7A3') or (>= '\u1100' and <= '\u11FF') or (>= '\u3130' and <= '\u318F');

    private static (int Latin, int Cyrillic, int Hangul, bool Ukrainian) Count(string text)
    {
        int latin = 0, cyrillic = 0, hangul = 0;
        bool ukrainian = false;
        foreach (char c in text)
        {
            if (char.IsAsciiLetter(c))
            {
                latin++;
            }
            else if (c is >= '\u0400' and <= '\u052F')
            {
                cyrillic++;
                ukrainian |= c is 'і' or 'ї' or 'є' or 'ґ' or 'І' or 'Ї' or 'Є' or 'Ґ';
            }
            else if (IsHangul(c))
            {
                hangul++;
            }
        }

        return (latin, cyrillic, hangul, ukrainian);
    }
}
