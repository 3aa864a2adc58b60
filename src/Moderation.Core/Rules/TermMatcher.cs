namespace Moderation.Core.Rules;

/// <summary>
/// Finds whole-word and phrase occurrences of the terms of many rules in one pass over the words
/// of a text. A phrase matches across any spaces and punctuation between its words.
/// </summary>
public sealed class TermMatcher
{
    /// <summary>A term occurrence: which rule, and where (UTF-16 positions in the text).</summary>
    public readonly record struct Match(int RuleIndex, int Start, int End);

    private readonly record struct Entry(string[] Words, int RuleIndex);

    // Keyed by a term's first word, so a text word costs one lookup however many terms exist.
    private readonly Dictionary<string, List<Entry>> _byFirstWord = new(StringComparer.Ordinal);

    public TermMatcher(IReadOnlyList<RuleDefinition> rules)
    {
        for (int ruleIndex = 0; ruleIndex < rules.Count; ruleIndex++)
        {
            foreach (string term in rules[ruleIndex].Terms)
            {
                string[] words = WordTokenizer.Tokenize(term).Select(w => w.Text).ToArray();
                if (words.Length == 0)
                {
                    continue;
                }

                if (!_byFirstWord.TryGetValue(words[0], out var entries))
                {
                    _byFirstWord[words[0]] = entries = [];
                }

                entries.Add(new Entry(words, ruleIndex));
            }
        }
    }

    public List<Match> FindAll(string text)
    {
        var matches = new List<Match>();
        var words = WordTokenizer.Tokenize(text);
        for (int i = 0; i < words.Count; i++)
        {
            if (!_byFirstWord.TryGetValue(words[i].Text, out var entries))
            {
                continue;
            }

            foreach (var entry in entries)
            {
                if (i + entry.Words.Length <= words.Count && FollowingWordsMatch(words, i, entry.Words))
                {
                    matches.Add(new Match(entry.RuleIndex, words[i].Start, words[i + entry.Words.Length - 1].End));
                }
            }
        }

        return matches;
    }

    private static bool FollowingWordsMatch(List<WordTokenizer.Word> words, int first, string[] termWords)
    {
        for (int k = 1; k < termWords.Length; k++)
        {
            if (!string.Equals(words[first + k].Text, termWords[k], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
