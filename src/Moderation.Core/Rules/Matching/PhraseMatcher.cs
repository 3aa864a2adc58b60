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

        // Alternatives whose first word has a wildcard, by the letter their known part begins
        // with (a '*' after it) or ends with (a '*' before it): a slot of verb forms holds
        // hundreds, and a word is tested only against those that share its letter. The rest
        // (a '*' at both ends) are tested one by one.
        private readonly Dictionary<char, int[]> _byPrefixLetter;
        private readonly Dictionary<char, int[]> _bySuffixLetter;
        private readonly int[] _wildAtBothEnds;

        // A word can begin an alternative exactly only if its first letter and length set a bit
        // here: most words of a reading are turned away without hashing them.
        private readonly ulong[] _exactFirstWords = new ulong[4];

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
                int bit = FirstWordBit(group.Key);
                _exactFirstWords[bit >> 6] |= 1UL << bit;
            }

            var wild = Enumerable.Range(0, alternatives.Length).Where(a => alternatives[a][0] is { AnyStart: true } or { AnyEnd: true }).ToList();
            _byPrefixLetter = ByLetter(wild.Where(a => alternatives[a][0] is { AnyStart: false, Form.Length: > 0 }), a => alternatives[a][0].Form[0]);
            _bySuffixLetter = ByLetter(wild.Where(a => alternatives[a][0] is { AnyStart: true, AnyEnd: false, Form.Length: > 0 }), a => alternatives[a][0].Form[^1]);
            _wildAtBothEnds = [.. wild.Where(a => alternatives[a][0] is { AnyStart: true, AnyEnd: true } or { Form.Length: 0 })];
        }

        private static Dictionary<char, int[]> ByLetter(IEnumerable<int> alternatives, Func<int, char> letter) =>
            alternatives.GroupBy(letter).ToDictionary(g => g.Key, g => g.ToArray());

        private static int FirstWordBit(ReadOnlySpan<char> word) => (int)(((uint)word[0] * 31u + (uint)word.Length) & 255u);

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
            int bit = FirstWordBit(word);
            int[]? exact = null;
            if ((_exactFirstWords[bit >> 6] & (1UL << bit)) != 0 && _lookup.TryGetValue(word, out exact))
            {
                into.AddRange(exact);
            }

            int sources = into.Count > 0 ? 1 : 0;
            // Most parts have no wildcard word at all: they pay no lookup for them.
            if (_byPrefixLetter.Count > 0 && _byPrefixLetter.TryGetValue(word[0], out var sharingFirst))
            {
                sources += AddMatching(sharingFirst, word, into);
            }

            if (_bySuffixLetter.Count > 0 && _bySuffixLetter.TryGetValue(word[^1], out var sharingLast))
            {
                sources += AddMatching(sharingLast, word, into);
            }

            if (_wildAtBothEnds.Length > 0)
            {
                sources += AddMatching(_wildAtBothEnds, word, into);
            }

            if (sources > 1)
            {
                into.Sort();
            }
        }

        /// <summary>Adds those of <paramref name="alternatives"/> whose first word matches; 1 if it added any, else 0.</summary>
        private int AddMatching(int[] alternatives, ReadOnlySpan<char> word, List<int> into)
        {
            int before = into.Count;
            foreach (int a in alternatives)
            {
                if (Alternatives[a][0].Matches(word))
                {
                    into.Add(a);
                }
            }

            return into.Count > before ? 1 : 0;
        }
    }

    /// <summary>
    /// Adds the ranges of <paramref name="view"/> (start, exclusive end) where the phrase matches
    /// <paramref name="words"/>, a run of the view's words (each its start and exclusive end),
    /// and holds one of the <paramref name="anchors"/> (ascending word indices, counted from
    /// <paramref name="anchorBase"/>). A match of at most <paramref name="maxWords"/> words
    /// begins at most that many less one before its anchor, so only those places are tried; the
    /// matches are the ones a search from the first word would find there.
    /// </summary>
    public void FindAll(ReadOnlySpan<char> view, ReadOnlySpan<(int Start, int End)> words, ReadOnlySpan<int> anchors, int anchorBase, int maxWords, List<(int Start, int End)> ranges)
    {
        int at = 0;
        foreach (int anchor in anchors)
        {
            int last = Math.Min(anchor - anchorBase, words.Length - 1);
            at = Math.Max(at, last - maxWords + 1);
            while (at <= last)
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
    }

    /// <summary>Where a match of parts <paramref name="part"/>.. that starts at word <paramref name="word"/> ends (one past its last word), or -1.</summary>
    private int MatchFrom(int part, int word, ReadOnlySpan<char> view, ReadOnlySpan<(int Start, int End)> words)
    {
        if (part == _parts.Length)
        {
            return word;
        }

        var p = _parts[part];
        if (p.IsGap)
        {
            for (int skip = Math.Min(p.Gap, words.Length - word); skip >= 0; skip--)
            {
                if (MatchFrom(part + 1, word + skip, view, words) is var end and >= 0)
                {
                    return end;
                }
            }

            return -1;
        }

        if (word < words.Length)
        {
            // Candidates are rented per depth: a deeper part must not overwrite this one's list.
            var candidates = Candidates(part);
            p.CandidatesFor(WordAt(view, words, word), candidates);
            foreach (int a in candidates)
            {
                var alternative = p.Alternatives[a];
                if (word + alternative.Length <= words.Length && RestMatches(alternative, word, view, words)
                    && MatchFrom(part + 1, word + alternative.Length, view, words) is var end and >= 0)
                {
                    return end;
                }
            }
        }

        return p.Optional ? MatchFrom(part + 1, word, view, words) : -1;
    }

    private static bool RestMatches(WordTest[] alternative, int word, ReadOnlySpan<char> view, ReadOnlySpan<(int Start, int End)> words)
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

    private static ReadOnlySpan<char> WordAt(ReadOnlySpan<char> view, ReadOnlySpan<(int Start, int End)> words, int word) =>
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
