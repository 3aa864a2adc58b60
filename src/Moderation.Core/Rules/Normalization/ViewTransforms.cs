namespace Moderation.Core.Rules.Normalization;

/// <summary>
/// The readings built on a folded view. Each is applied only where the text shows the trick it
/// undoes, so clean text is read once.
/// </summary>
internal static class ViewTransforms
{
    /// <summary>
    /// Digits and symbols read as letters (@ 4 → a, 3 → e, 0 → o, $ 5 → s, 7 → t, and 1 ! | → the
    /// given <paramref name="oneAs"/>, 'i' or 'l'), only inside tokens that also hold a letter,
    /// so numbers and prices stay what they are.
    /// </summary>
    public static TextView? Leet(TextView view, char oneAs)
    {
        TextView? result = null;
        int tokenStart = 0;
        for (int i = 0; i <= view.Length; i++)
        {
            if (i < view.Length && IsTokenChar(view[i]))
            {
                continue;
            }

            if (i > tokenStart && HasLetter(view, tokenStart, i) && HasLeet(view, tokenStart, i))
            {
                result ??= CopyPrefix(view, tokenStart);
                for (int k = tokenStart; k < i; k++)
                {
                    result.Add(LeetLetter(view[k], oneAs) is not '\0' and char letter ? letter : view[k], view.StartOf(k), view.EndOf(k));
                }
            }
            else if (result is not null)
            {
                CopyRange(view, result, tokenStart, i);
            }

            if (i < view.Length && result is not null)
            {
                result.Add(view[i], view.StartOf(i), view.EndOf(i));
            }

            tokenStart = i + 1;
        }

        return result;
    }

    /// <summary>Whether any token mixes letters with leet symbols read differently as 'i' and 'l'.</summary>
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
    /// "f-u-c-k") read as one word. Returns null when there is no such run.
    /// </summary>
    public static TextView? JoinSpacedLetters(TextView view)
    {
        TextView? result = null;
        int copiedTo = 0;
        int i = 0;
        while (i < view.Length)
        {
            if (!IsSingleLetterAt(view, i))
            {
                i++;
                continue;
            }

            // Collect the run of single letters, each separated by 1 to 3 separator characters.
            var letters = new List<int> { i };
            int next = i + 1;
            while (true)
            {
                int gapEnd = next;
                while (gapEnd < view.Length && gapEnd - next < 4 && !CharClasses.IsWord(view[gapEnd]) && view[gapEnd] is not ('\n' or '\r'))
                {
                    gapEnd++;
                }

                if (gapEnd == next || gapEnd - next > 3 || gapEnd >= view.Length || !IsSingleLetterAt(view, gapEnd))
                {
                    break;
                }

                letters.Add(gapEnd);
                next = gapEnd + 1;
            }

            if (letters.Count >= 3)
            {
                result ??= new TextView(view.Length);
                CopyRange(view, result, copiedTo, i);
                foreach (int letter in letters)
                {
                    result.Add(view[letter], view.StartOf(letter), view.EndOf(letter));
                }

                copiedTo = letters[^1] + 1;
            }

            i = letters[^1] + 1;
        }

        if (result is not null)
        {
            CopyRange(view, result, copiedTo, view.Length);
        }

        return result;
    }

    /// <summary>Every run of non-word characters reads as one space, so phrases match across punctuation.</summary>
    public static TextView CollapseSeparators(TextView view)
    {
        var result = new TextView(view.Length);
        bool inSeparator = false;
        for (int i = 0; i < view.Length; i++)
        {
            if (CharClasses.IsWord(view[i]))
            {
                result.Add(view[i], view.StartOf(i), view.EndOf(i));
                inSeparator = false;
            }
            else if (inSeparator)
            {
                result.ExtendLast(view.EndOf(i));
            }
            else
            {
                result.Add(' ', view.StartOf(i), view.EndOf(i));
                inSeparator = true;
            }
        }

        return result;
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
    public static TextView CollapseLetterRuns(TextView view, int keep)
    {
        var result = new TextView(view.Length);
        int i = 0;
        while (i < view.Length)
        {
            int runEnd = i + 1;
            while (runEnd < view.Length && view[runEnd] == view[i])
            {
                runEnd++;
            }

            int length = runEnd - i;
            if (length >= 3 && CharClasses.IsLetter(view[i]))
            {
                for (int k = 0; k < keep; k++)
                {
                    result.Add(view[i], view.StartOf(i + k), view.EndOf(i + k));
                }

                result.ExtendLast(view.EndOf(runEnd - 1));
            }
            else
            {
                CopyRange(view, result, i, runEnd);
            }

            i = runEnd;
        }

        return result;
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

    private static TextView CopyPrefix(TextView view, int end)
    {
        var result = new TextView(view.Length);
        CopyRange(view, result, 0, end);
        return result;
    }

    private static void CopyRange(TextView from, TextView to, int start, int end)
    {
        for (int k = start; k < end; k++)
        {
            to.Add(from[k], from.StartOf(k), from.EndOf(k));
        }
    }
}
