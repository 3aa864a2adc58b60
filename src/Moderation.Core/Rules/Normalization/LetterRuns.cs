namespace Moderation.Core.Rules.Normalization;

/// <summary>
/// Which stretched letters the rules can tell apart. A run of three or more of one letter in a
/// comment is read shortened to one and to two, and as written; a run the rule set holds twice
/// in a row ("ass", "kill") needs the reading with two, and one it holds three times the reading
/// as written. Such a run in a term can only match a run in the text between the same letters,
/// so a window with "fuuuuucking" in it is read once for the run, not three times, though some
/// term somewhere holds "uu".
/// </summary>
internal sealed class LetterRuns
{
    /// <summary>A character no term holds: a run's neighbour where the term or the view ends.</summary>
    private const char Edge = '\0';

    /// <summary>
    /// A run of a letter in a term: its length (2, or 3 for three or more), and the characters
    /// before and after it, <see cref="Edge"/> where the term ends, where any character may stand.
    /// </summary>
    private readonly record struct Run(int Length, char Before, char After);

    private readonly Dictionary<char, List<Run>> _runs = [];

    /// <summary>The runs in <paramref name="words"/>: the terms, allow terms and phrase words of the rules, in the form they are matched in.</summary>
    public LetterRuns(IEnumerable<string> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        foreach (string word in words)
        {
            int i = 0;
            while (i < word.Length)
            {
                int end = i + 1;
                while (end < word.Length && word[end] == word[i])
                {
                    end++;
                }

                if (end - i >= 2)
                {
                    var run = new Run(Math.Min(end - i, 3), i > 0 ? word[i - 1] : Edge, end < word.Length ? word[end] : Edge);
                    if (!_runs.TryGetValue(word[i], out var runs))
                    {
                        _runs[word[i]] = runs = [];
                    }

                    if (!runs.Contains(run))
                    {
                        runs.Add(run);
                    }
                }

                i = end;
            }
        }
    }

    /// <summary>
    /// Which shortened readings of <paramref name="view"/> can match differently from the one with
    /// every run shortened to one letter: as written, and with runs of two.
    /// </summary>
    public (bool AsWritten, bool Pairs) Needed(TextView view)
    {
        bool asWritten = false;
        bool pairs = false;
        int k = 0;
        while (k < view.Length)
        {
            char c = view[k];
            int end = k + 1;
            while (end < view.Length && view[end] == c)
            {
                end++;
            }

            if (end - k >= 3)
            {
                var (thrice, twice) = Fits(c, k > 0 ? view[k - 1] : Edge, end < view.Length ? view[end] : Edge);
                asWritten |= thrice;
                pairs |= twice || thrice;
            }
            else if (end - k == 2 && ViewTransforms.IsDoubledStretch(c))
            {
                // A pair of i or u is shortened at 1 only; as written it is the pair a term may hold.
                asWritten |= Fits(c, k > 0 ? view[k - 1] : Edge, end < view.Length ? view[end] : Edge).Twice;
            }
            else if (ViewTransforms.HangulVowelRepeats(view, k) >= 2)
            {
                // A stretched Korean vowel is dropped, not shortened: keep reading it as written.
                asWritten = true;
            }

            k = end;
        }

        return (asWritten, pairs);
    }

    /// <summary>Whether a run of <paramref name="letter"/> between these neighbours fits a run of three, and one of two, in some term.</summary>
    private (bool Thrice, bool Twice) Fits(char letter, char before, char after)
    {
        bool thrice = false;
        bool twice = false;
        if (_runs.TryGetValue(letter, out var runs))
        {
            foreach (var run in runs)
            {
                if (Borders(run.Before, before) && Borders(run.After, after))
                {
                    thrice |= run.Length >= 3;
                    twice |= run.Length == 2;
                }
            }
        }

        return (thrice, twice);
    }

    // A dropped Korean vowel can bring another syllable next to the run: it may border anything.
    private static bool Borders(char inTerm, char inText) => inTerm == Edge || inTerm == inText || ViewTransforms.IsHangul(inText);
}
