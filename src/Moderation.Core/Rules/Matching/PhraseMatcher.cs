using Moderation.Core.Rules.Normalization;

namespace Moderation.Core.Rules.Matching;

/// <summary>
/// A compiled phrase: its parts matched word by word over a reading, whose words are separated
/// by single spaces. At each word a match is tried the way a backtracking regular expression
/// would try it (alternatives in their order, an optional part first taken, a gap first at its
/// longest), so the first match found at a place is the one a phrase author expects; after a
/// match the search goes on past its end. The work at one place is bounded by the pattern (its
/// parts' alternatives and gaps), not by the text, so a reading costs time linear in its words;
/// a place whose word cannot begin the first part costs one lookup.
/// </summary>
internal sealed class PhraseMatcher
{
    private readonly Part[] _parts;

    public PhraseMatcher(IReadOnlyList<Part> parts) => _parts = [.. parts];

    /// <summary>One word of an alternative: the text, and whether a '*' stands for the rest of the word at either end.</summary>
    internal readonly record struct WordTest(string Form, bool AnyStart, bool AnyEnd)
    {
        public bool Matches(ReadOnlySpan<char> word) => (AnyStart, AnyEnd) switch
        {
            (false, false) => word.SequenceEqual(Form),
            (false, true) => word.StartsWith(Form, StringComparison.Ordinal),
            (true, false) => word.EndsWith(Form, StringComparison.Ordinal),
            _ => word.Contains(Form, StringComparison.Ordinal),
        };
    }

    /// <summary>A part of a phrase: alternatives of one or more words, optional or not, or a gap of up to <see cref="Gap"/> words.</summary>
    internal sealed class Part
    {
        private readonly Dictionary<string, int[]> _byExactFirstWord = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int[]>.AlternateLookup<ReadOnlySpan<char>> _lookup;
        private readonly int[] _wildFirstWord;

        private Part(WordTest[][] alternatives, bool optional, int gap)
        {
            Alternatives = alternatives;
            Optional = optional;
            Gap = gap;
            _lookup = _byExactFirstWord.GetAlternateLookup<ReadOnlySpan<char>>();
            foreach (var group in Enumerable.Range(0, alternatives.Length)
                .Where(a => alternatives[a][0] is { AnyStart: false, AnyEnd: false })
                .GroupBy(a => alternatives[a][0].Form, StringComparer.Ordinal))
            {
                _byExactFirstWord[group.Key] = [.. group];
            }

            _wildFirstWord = [.. Enumerable.Range(0, alternatives.Length).Where(a => alternatives[a][0] is { AnyStart: true } or { AnyEnd: true })];
        }

        public static Part Words(WordTest[][] alternatives, bool optional) => new(alternatives, optional, 0);

        public static Part GapOf(int words) => new([], optional: false, words);

        public WordTest[][] Alternatives { get; }

        public bool Optional { get; }

        /// <summary>For a gap, the most words it skips (it may skip none); 0 for words.</summary>
        public int Gap { get; }

        public bool IsGap => Alternatives.Length == 0;

        /// <summary>The alternatives whose first word is <paramref name="word"/>, in their order.</summary>
        public void CandidatesFor(ReadOnlySpan<char> word, List<int> into)
        {
            into.Clear();
            if (_lookup.TryGetValue(word, out int[]? exact))
            {
                into.AddRange(exact);
            }

            foreach (int a in _wildFirstWord)
            {
                if (Alternatives[a][0].Matches(word))
                {
                    into.Add(a);
                }
            }

            if (exact is not null && into.Count > exact.Length)
            {
                into.Sort();
            }
        }
    }

    [ThreadStatic]
    private static List<(int Start, int End)>? t_words;

    /// <summary>Adds the ranges of <paramref name="view"/> (start, exclusive end) where the phrase matches.</summary>
    public void FindAll(ReadOnlySpan<char> view, List<(int Start, int End)> ranges)
    {
        var words = t_words ??= [];
        words.Clear();
        TextViews.AddWords(view, words);

        int at = 0;
        while (at < words.Count)
        {
            int end = MatchFrom(0, at, view, words);
            if (end > at)
            {
                ranges.Add((words[at].Start, words[end - 1].End));
                at = end;
            }
            else
            {
                at++;
            }
        }
    }

    /// <summary>Where a match of parts <paramref name="part"/>.. that starts at word <paramref name="word"/> ends (one past its last word), or -1.</summary>
    private int MatchFrom(int part, int word, ReadOnlySpan<char> view, List<(int Start, int End)> words)
    {
        if (part == _parts.Length)
        {
            return word;
        }

        var p = _parts[part];
        if (p.IsGap)
        {
            for (int skip = Math.Min(p.Gap, words.Count - word); skip >= 0; skip--)
            {
                if (MatchFrom(part + 1, word + skip, view, words) is var end and >= 0)
                {
                    return end;
                }
            }

            return -1;
        }

        if (word < words.Count)
        {
            // Candidates are rented per depth: a deeper part must not overwrite this one's list.
            var candidates = Candidates(part);
            p.CandidatesFor(WordAt(view, words, word), candidates);
            foreach (int a in candidates)
            {
                var alternative = p.Alternatives[a];
                if (word + alternative.Length <= words.Count && RestMatches(alternative, word, view, words)
                    && MatchFrom(part + 1, word + alternative.Length, view, words) is var end and >= 0)
                {
                    return end;
                }
            }
        }

        return p.Optional ? MatchFrom(part + 1, word, view, words) : -1;
    }

    private static bool RestMatches(WordTest[] alternative, int word, ReadOnlySpan<char> view, List<(int Start, int End)> words)
    {
        for (int w = 1; w < alternative.Length; w++)
        {
            if (!alternative[w].Matches(WordAt(view, words, word + w)))
            {
                return false;
            }
        }

        return true;
    }

    private static ReadOnlySpan<char> WordAt(ReadOnlySpan<char> view, List<(int Start, int End)> words, int word) =>
        view[words[word].Start..words[word].End];

    [ThreadStatic]
    private static List<List<int>>? t_candidates;

    private static List<int> Candidates(int depth)
    {
        var lists = t_candidates ??= [];
        while (lists.Count <= depth)
        {
            lists.Add([]);
        }

        return lists[depth];
    }
}
