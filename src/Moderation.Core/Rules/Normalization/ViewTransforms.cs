namespace Moderation.Core.Rules.Normalization;

/// <summary>
/// The readings built on a folded view. Each writes into a view it is given (reused between
/// comments, so a clean comment allocates nothing here) and is applied only where the text
/// shows the trick it undoes.
/// </summary>
internal static class ViewTransforms
{
    /// <summary>
    /// Digits and symbols read as letters (@ 4 → a, 3 → e, 0 → o, $ 5 → s, 7 → t, 8 → b, 9 → g, and 1 ! | → the
    /// given <paramref name="oneAs"/>, 'i' or 'l'), only inside tokens that also hold a letter,
    /// so numbers and prices stay what they are. Returns false (leaving <paramref name="into"/>
    /// undefined) when no token needs it.
    /// </summary>
    public static bool Leet(TextView view, char oneAs, TextView into)
    {
        // A copy with the leet tokens' characters replaced: the copy goes a range at a time.
        into.CopyFrom(view);
        bool changed = false;
        int tokenStart = 0;
        for (int i = 0; i <= view.Length; i++)
        {
            if (i < view.Length && IsTokenChar(view[i]))
            {
                continue;
            }

            if (IsLeetToken(view, tokenStart, i))
            {
                changed = true;
                for (int k = tokenStart; k < i; k++)
                {
                    if (LeetLetter(view[k], oneAs) is not '\0' and char letter)
                    {
                        into.Set(k, letter);
                    }
                }
            }

            tokenStart = i + 1;
        }

        return changed;
    }

    /// <summary>Whether the view holds a symbol that leet reads differently as 'i' and 'l'.</summary>
    public static bool HasAmbiguousLeet(TextView view)
    {
        foreach (char c in view.Chars)
        {
            if (c is '1' or '!' or '|')
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Runs of three or more single letters split by short separators ("f.u.c.k", "f u c k",
    /// "f-u-c-k") read as one word. With <paramref name="keepLeadingWord"/> (or
    /// <paramref name="keepTrailingWord"/>), a run that starts (or ends) with a one-letter word
    /// ("a", "i", Russian "в", "и", "я", ...) keeps that word apart, so "you are a f-u-c-k" reads
    /// "a fuck" rather than "afuck" and "м-р-а-з-ь в погонах" reads "мразь в". Returns false when
    /// there is no such run; <paramref name="startsWithWord"/> and <paramref name="endsWithWord"/>
    /// tell whether some run began or ended with such a word.
    /// </summary>
    public static bool JoinSpacedLetters(TextView view, TextView into, bool keepLeadingWord, bool keepTrailingWord, out bool startsWithWord, out bool endsWithWord)
    {
        into.Clear();
        bool joined = false;
        startsWithWord = false;
        endsWithWord = false;
        int copiedTo = 0;
        int i = 0;
        while (i < view.Length)
        {
            if (!IsSingleLetterAt(view, i))
            {
                i++;
                continue;
            }

            // Walk the run of single letters, each separated by 1 to 3 separator characters.
            int count = 1;
            int last = i;
            int second = -1;
            int beforeLast = i;
            while (NextSpacedLetter(view, last) is { } next)
            {
                second = second < 0 ? next : second;
                beforeLast = last;
                last = next;
                count++;
            }

            bool leadingWord = count >= 3 && IsOneLetterWord(view[i]);
            bool trailingWord = count >= 4 && IsOneLetterWord(view[last]);
            startsWithWord |= leadingWord;
            endsWithWord |= trailingWord;
            int first = keepLeadingWord && leadingWord ? second : i;
            int end = keepTrailingWord && trailingWord ? beforeLast : last;
            int kept = count - (first == i ? 0 : 1) - (end == last ? 0 : 1);
            if (kept >= 3)
            {
                into.AddRange(view, copiedTo, first);
                for (int letter = first; letter <= end; letter++)
                {
                    if (CharClasses.IsWord(view[letter]))
                    {
                        into.Add(view[letter], view.StartOf(letter), view.EndOf(letter));
                    }
                }

                copiedTo = end + 1;
                joined = true;
            }

            i = last + 1;
        }

        into.AddRange(view, copiedTo, view.Length);
        return joined;
    }

    /// <summary>
    /// Korean syllables split by digits, punctuation or symbols ("시-발", "씨.발", "씨1발",
    /// "시@발") read as one word, and so do single syllables split by spaces ("병 신", "씨 발 놈").
    /// A space after a longer word stays: "전염병 신고" and "A씨 발언" are innocent. Returns false
    /// when nothing was joined.
    /// </summary>
    public static bool JoinHangulSyllables(TextView view, TextView into, List<(int Start, int End)>? joins = null)
    {
        into.Clear();
        bool joined = false;
        int i = 0;
        while (i < view.Length)
        {
            into.Add(view[i], view.StartOf(i), view.EndOf(i));
            if (!IsHangul(view[i]) || i + 1 >= view.Length || IsHangul(view[i + 1]))
            {
                i++;
                continue;
            }

            int gapEnd = i + 1;
            bool spaced = false;
            while (gapEnd < view.Length && gapEnd - i <= 4 && !IsHangul(view[gapEnd]) && !char.IsLetter(view[gapEnd]))
            {
                spaced |= char.IsWhiteSpace(view[gapEnd]);
                gapEnd++;
            }

            bool joinsHere = gapEnd < view.Length && gapEnd - i <= 4 && IsHangul(view[gapEnd])
                && view[gapEnd] is not ('\n' or '\r')
                && (!spaced || (IsSingleSyllableBefore(view, i) && IsSingleSyllableAfter(view, gapEnd)));
            if (joinsHere)
            {
                joins?.Add((i, gapEnd + 1));
                into.ExtendLast(view.EndOf(gapEnd - 1));
                joined = true;
                i = gapEnd;
            }
            else
            {
                i++;
            }
        }

        return joined;
    }

    /// <summary>
    /// Adds the ranges of <paramref name="view"/> that some reading reads differently: tokens
    /// with leet, runs of three or more of one letter, runs of spaced single letters, and Korean
    /// syllables that <see cref="JoinHangulSyllables"/> joins (<paramref name="scratch"/> takes its
    /// output). Text outside these ranges reads the same in every reading. Stretched Korean
    /// vowels are looked for only when <paramref name="anyHangul"/> says the view has Korean.
    /// </summary>
    public static void FindTricks(TextView view, TextView scratch, List<(int Start, int End)> tricks, bool anyHangul)
    {
        int tokenStart = 0;
        bool hangul = false;
        for (int i = 0; i <= view.Length; i++)
        {
            if (i < view.Length && IsTokenChar(view[i]))
            {
                hangul |= IsHangul(view[i]);
                continue;
            }

            if (IsLeetToken(view, tokenStart, i) || HasLetterRun(view, tokenStart, i, anyHangul))
            {
                tricks.Add((tokenStart, i));
            }

            tokenStart = i + 1;
        }

        int letter = 0;
        while (letter < view.Length)
        {
            if (!IsSingleLetterAt(view, letter))
            {
                letter++;
                continue;
            }

            int count = 1;
            int last = letter;
            while (NextSpacedLetter(view, last) is { } next)
            {
                last = next;
                count++;
            }

            if (count >= 3)
            {
                tricks.Add((letter, last + 1));
            }

            letter = last + 1;
        }

        if (hangul)
        {
            JoinHangulSyllables(view, scratch, tricks);
        }
    }

    /// <summary>Whether the token [from, to) holds a letter and a digit or symbol leet reads as one: "sh1t", not "2024".</summary>
    private static bool IsLeetToken(TextView view, int from, int to) =>
        to > from && HasLetter(view, from, to) && HasLeet(view, from, to) && !IsMostlyDigits(view, from, to);

    /// <summary>
    /// A token of five or more hexadecimal digits, over twice as many of them 0-9 as a-f, is a
    /// number (a colour "3847e0", a commit "3847e0a", "1e100"), not a word in leet: "3847e0" read
    /// that way is "ebateo". A leet word has a letter hex does not ("5h1773", "sh1t") or keeps
    /// most of its letters ("b00b5").
    /// </summary>
    private static bool IsMostlyDigits(TextView view, int from, int to)
    {
        if (to - from < 5)
        {
            return false;
        }

        int digits = 0;
        for (int k = from; k < to; k++)
        {
            char c = view[k];
            if (char.IsAsciiDigit(c))
            {
                digits++;
            }
            else if (c is not (>= 'a' and <= 'f'))
            {
                return false;
            }
        }

        return digits > 2 * (to - from - digits);
    }

    private static bool HasLetterRun(TextView view, int from, int to, bool hangul)
    {
        for (int k = from + 1; k < to; k++)
        {
            if (view[k] == view[k - 1] && IsDoubledStretch(view[k]))
            {
                return true;
            }

            if (k >= from + 2
                && ((view[k] == view[k - 1] && view[k] == view[k - 2] && CharClasses.IsLetter(view[k]))
                    || (hangul && HangulVowelRepeats(view, k - 1) >= 2)))
            {
                return true;
            }
        }

        return false;
    }

    private const char SilentInitial = '\u110B';

    /// <summary>
    /// How many syllables from <paramref name="at"/> on only repeat the vowel before them: a silent
    /// initial ㅇ and that same vowel, the way Korean stretches a sound ("씨이이발", "병시이이인" for
    /// 신, the last one keeping its final consonant). Folded Korean is jamo, so each is a pair.
    /// </summary>
    internal static int HangulVowelRepeats(TextView view, int at)
    {
        if (at < 1 || !IsHangulVowel(view[at - 1]))
        {
            return 0;
        }

        int count = 0;
        while (at + 1 < view.Length && view[at] == SilentInitial && view[at + 1] == view[at - 1])
        {
            count++;
            at += 2;
        }

        return count;
    }

    private static bool IsHangulVowel(char c) => c is >= '\u1161' and <= '\u1175';

    /// <summary>A character of the Hangul jamo blocks, which folded Korean syllables decompose into.</summary>
    public static bool IsHangul(char c) => c is (>= '\u1100' and <= '\u11FF') or (>= '\uA960' and <= '\uA97F') or (>= '\uD7B0' and <= '\uD7FF');

    /// <summary>Whether <paramref name="chars"/> hold a character of <see cref="IsHangul"/>'s blocks; vectorized, for skipping Korean readings in other text.</summary>
    public static bool HasHangul(ReadOnlySpan<char> chars) =>
        chars.IndexOfAnyInRange('\u1100', '\u11FF') >= 0 || chars.IndexOfAnyInRange('\uA960', '\uA97F') >= 0 || chars.IndexOfAnyInRange('\uD7B0', '\uD7FF') >= 0;

    private static bool IsLeadingConsonant(char c) => c is (>= '\u1100' and <= '\u115F') or (>= '\uA960' and <= '\uA97F');

    /// <summary>Whether the Hangul word ending at <paramref name="end"/> is one syllable standing alone.</summary>
    private static bool IsSingleSyllableBefore(TextView view, int end)
    {
        int start = end;
        while (start > 0 && IsHangul(view[start - 1]))
        {
            start--;
        }

        return CountSyllables(view, start, end + 1) == 1 && (start == 0 || !CharClasses.IsWord(view[start - 1]));
    }

    private static bool IsSingleSyllableAfter(TextView view, int start)
    {
        int end = start;
        while (end < view.Length && IsHangul(view[end]))
        {
            end++;
        }

        return CountSyllables(view, start, end) == 1 && (end == view.Length || !CharClasses.IsWord(view[end]));
    }

    private static int CountSyllables(TextView view, int start, int end)
    {
        int syllables = 0;
        for (int k = start; k < end; k++)
        {
            syllables += IsLeadingConsonant(view[k]) ? 1 : 0;
        }

        return syllables;
    }

    private static bool IsOneLetterWord(char c) => c is 'a' or 'i' or 'o' or 'а' or 'б' or 'в' or 'ж' or 'и' or 'й' or 'к' or 'о' or 'с' or 'у' or 'я' or 'і' or 'з';

    /// <summary>Every run of non-word characters reads as one space, so phrases match across punctuation.</summary>
    public static void CollapseSeparators(TextView view, TextView into) => into.CopyCollapsingSeparators(view);

    public static TextView CollapseSeparators(TextView view)
    {
        var into = new TextView(view.Length);
        CollapseSeparators(view, into);
        return into;
    }

    /// <summary>
    /// Latin i and u, which English words almost never double ("skiing", "vacuum"): a pair of
    /// them is a stretched letter ("shiit", "biitch", "cuunt") and reads as one as well. Words
    /// that hold such a pair innocently ("Shiite") are allow terms as written.
    /// </summary>
    public static bool IsDoubledStretch(char c) => c is 'i' or 'u';

    /// <summary>Whether some letter repeats three or more times in a row, or i or u twice; Korean vowels are looked at only when the text has <paramref name="hangul"/>.</summary>
    public static bool HasLetterRuns(TextView view, bool hangul) => HasLetterRun(view, 0, view.Length, hangul);

    /// <summary>
    /// Runs of three or more of the same letter shortened to <paramref name="keep"/> (1 or 2):
    /// "fuuuuck" reads "fuck", "boooobs" reads "boobs" at 2. Pairs like "aardvark" stay intact,
    /// except a pair of i or u at 1 ("shiit" reads "shit").
    /// Two or more Korean syllables that only repeat the vowel before them are dropped
    /// ("씨이이발" reads "씨발"; "시인", one syllable, stays).
    /// </summary>
    public static void CollapseLetterRuns(TextView view, int keep, TextView into)
    {
        into.Clear();
        int copied = 0;
        int i = 0;
        while (i < view.Length)
        {
            if (HangulVowelRepeats(view, i) is var repeats and >= 2)
            {
                into.AddRange(view, copied, i);
                into.ExtendLast(view.EndOf(i + (2 * repeats) - 1));
                i += 2 * repeats;
                copied = i;
                continue;
            }

            char c = view[i];
            if (keep == 1 && i + 1 < view.Length && view[i + 1] == c && IsDoubledStretch(c) && (i + 2 == view.Length || view[i + 2] != c))
            {
                into.AddRange(view, copied, i);
                into.Add(c, view.StartOf(i), view.EndOf(i + 1));
                i += 2;
                copied = i;
                continue;
            }

            if (i + 2 < view.Length && view[i + 1] == c && view[i + 2] == c && CharClasses.IsLetter(c))
            {
                int runEnd = i + 3;
                while (runEnd < view.Length && view[runEnd] == c)
                {
                    runEnd++;
                }

                into.AddRange(view, copied, i);
                for (int k = 0; k < keep; k++)
                {
                    into.Add(c, view.StartOf(i + k), view.EndOf(i + k));
                }

                into.ExtendLast(view.EndOf(runEnd - 1));
                i = runEnd;
                copied = i;
                continue;
            }

            i++;
        }

        into.AddRange(view, copied, view.Length);
    }

    /// <summary>The next single letter after a separator gap of 1 to 3 characters (no line break), or null.</summary>
    private static int? NextSpacedLetter(TextView view, int letter)
    {
        int gapEnd = letter + 1;
        while (gapEnd < view.Length && !CharClasses.IsWord(view[gapEnd]) && view[gapEnd] is not ('\n' or '\r'))
        {
            if (gapEnd - letter > 3)
            {
                return null;
            }

            gapEnd++;
        }

        int gap = gapEnd - letter - 1;
        return gap is >= 1 and <= 3 && gapEnd < view.Length && IsSingleLetterAt(view, gapEnd) ? gapEnd : null;
    }

    private static char LeetLetter(char c, char oneAs) => c switch
    {
        '@' or '4' => 'a',
        '3' => 'e',
        '1' or '!' or '|' => oneAs,
        '0' => 'o',
        '$' or '5' => 's',
        '7' => 't',
        '8' => 'b',
        '9' => 'g',
        _ => '\0',
    };

    /// <summary>A character of a token: a word character, or a symbol leet reads as a letter.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static bool IsTokenChar(char c) => CharClasses.IsWord(c) || c is '@' or '$' or '!' or '|';

    private static bool HasLetter(TextView view, int from, int to)
    {
        for (int k = from; k < to; k++)
        {
            if (CharClasses.IsLetter(view[k]))
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasLeet(TextView view, int from, int to)
    {
        for (int k = from; k < to; k++)
        {
            if (LeetLetter(view[k], 'i') != '\0')
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsSingleLetterAt(TextView view, int i) =>
        CharClasses.IsLetter(view[i])
        && (i == 0 || !CharClasses.IsWord(view[i - 1]))
        && (i + 1 == view.Length || !CharClasses.IsWord(view[i + 1]));
}
