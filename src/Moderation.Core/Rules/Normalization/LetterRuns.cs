namespace Moderation.Core.Rules.Normalization;

/// <summary>
/// Which stretched letters the rules can tell apart. A run of three or more of one letter in a
/// comment is read shortened to one and to two, and as written; the letters the rule set holds
/// twice in a row ("ass", "kill") need the reading with two, and those it holds three times the
/// reading as written. Other runs read alike in every form but the shortest, so a window with
/// "fuuuuucking" in it is read once for the run instead of three times.
/// </summary>
internal sealed class LetterRuns
{
    private readonly HashSet<char> _twice = [];
    private readonly HashSet<char> _thrice = [];

    /// <summary>The runs in <paramref name="words"/>: the terms, allow terms and phrase words of the rules, in the form they are matched in.</summary>
    public LetterRuns(IEnumerable<string> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        foreach (string word in words)
        {
            for (int i = 1; i < word.Length; i++)
            {
                if (word[i] == word[i - 1])
                {
                    (i >= 2 && word[i - 2] == word[i] ? _thrice : _twice).Add(word[i]);
                }
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
        for (int k = 2; k < view.Length; k++)
        {
            char c = view[k];
            if (c == view[k - 1] && c == view[k - 2])
            {
                asWritten |= _thrice.Contains(c);
                pairs |= _twice.Contains(c) || _thrice.Contains(c);
            }
            else if (ViewTransforms.HangulVowelRepeats(view, k - 1) >= 2)
            {
                // A stretched Korean vowel is dropped, not shortened: keep reading it as written.
                asWritten = true;
            }
        }

        return (asWritten, pairs);
    }
}
