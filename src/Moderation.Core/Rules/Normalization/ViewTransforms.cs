namespace Moderation.Core.Rules.Normalization;

/// <summary>
/// The readings built on a folded view. Each writes into a view it is given (reused between
/// comments, so a clean comment allocates nothing here) and is applied only where the text
/// shows the trick it undoes.
/// </summary>
internal static class ViewTransforms
{
    /// <summary>
    /// Digits and symbols read as letters (@ 4 → a, 3 → e, 0 → o, $ 5 → s, 7 → t, and 1 ! | → the
    /// given <paramref name="oneAs"/>, 'i' or 'l'), only inside tokens that also hold a letter,
    /// so numbers and prices stay what they are. Returns false (leaving <paramref name="into"/>
    /// undefined) when no token needs it.
    /// </summary>
    public static bool Leet(TextView view, char oneAs, TextView into)
    {
        into.Clear();
        bool changed = false;
        int tokenStart = 0;
        for (int i = 0; i <= view.Length; i++)
        {
            if (i < view.Length && IsTokenChar(view[i]))
            {
                continue;
            }

            bool read = i > tokenStart && HasLetter(view, tokenStart, i) && HasLeet(view, tokenStart, i);
            changed |= read;
            for (int k = tokenStart; k < i; k++)
            {
                char c = view[k];
                into.Add(read && LeetLetter(c, oneAs) is not '\0' and char letter ? letter : c, view.StartOf(k), view.EndOf(k));
            }

            if (i < view.Length)
            {
                into.Add(view[i], view.StartOf(i), view.EndOf(i));
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
    /// "f-u-c-k") read as one word. Returns false when there is no such run.
    /// </summary>
    public static bool JoinSpacedLetters(TextView view, TextView into)
    {
        into.Clear();
        bool joined = false;
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
            while (NextSpacedLetter(view, last) is { } next)
            {
                last = next;
                count++;
            }

            if (count >= 3)
            {
                CopyRange(view, into, copiedTo, i);
                for (int letter = i; letter <= last; letter++)
                {
                    if (CharClasses.IsWord(view[letter]))
                    {
                        into.Add(view[letter], view.StartOf(letter), view.EndOf(letter));
                    }
                }

                copiedTo = last + 1;
                joined = true;
            }

            i = last + 1;
        }

        CopyRange(view, into, copiedTo, view.Length);
        return joined;
    }

    /// <summary>Every run of non-word characters reads as one space, so phrases match across punctuation.</summary>
    public static void CollapseSeparators(TextView view, TextView into)
    {
        into.Clear();
        bool inSeparator = false;
        for (int i = 0; i < view.Length; i++)
        {
            if (CharClasses.IsWord(view[i]))
            {
                into.Add(view[i], view.StartOf(i), view.EndOf(i));
                inSeparator = false;
            }
            else if (inSeparator)
            {
                into.ExtendLast(view.EndOf(i));
            }
            else
            {
                into.Add(' ', view.StartOf(i), view.EndOf(i));
                inSeparator = true;
            }
        }
    }

    public static TextView CollapseSeparators(TextView view)
    {
        var into = new TextView(view.Length);
        CollapseSeparators(view, into);
        return into;
    }

    /// <summary>Whether some letter repeats three or more times in a row.</summary>
    public static bool HasLetterRuns(TextView view)
    {
        for (int i = 2; i < view.Length; i++)
        {
            if (view[i] == view[i - 1] && view[i] == view[i - 2] && CharClasses.IsLetter(view[i]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Runs of three or more of the same letter shortened to <paramref name="keep"/> (1 or 2):
    /// "fuuuuck" reads "fuck", "boooobs" reads "boobs" at 2. Pairs like "aardvark" stay intact.
    /// </summary>
    public static void CollapseLetterRuns(TextView view, int keep, TextView into)
    {
        into.Clear();
        int i = 0;
        while (i < view.Length)
        {
            int runEnd = i + 1;
            while (runEnd < view.Length && view[runEnd] == view[i])
            {
                runEnd++;
            }

            if (runEnd - i >= 3 && CharClasses.IsLetter(view[i]))
            {
                for (int k = 0; k < keep; k++)
                {
                    into.Add(view[i], view.StartOf(i + k), view.EndOf(i + k));
                }

                into.ExtendLast(view.EndOf(runEnd - 1));
            }
            else
            {
                CopyRange(view, into, i, runEnd);
            }

            i = runEnd;
        }
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
        _ => '\0',
    };

    private static bool IsTokenChar(char c) => CharClasses.IsWord(c) || c is '@' or '$' or '!' or '|';

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

    private static void CopyRange(TextView from, TextView to, int start, int end)
    {
        for (int k = start; k < end; k++)
        {
            to.Add(from[k], from.StartOf(k), from.EndOf(k));
        }
    }
}
