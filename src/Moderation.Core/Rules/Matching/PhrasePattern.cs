using Moderation.Core.Rules.Normalization;

namespace Moderation.Core.Rules.Matching;

/// <summary>
/// A rule's phrase patterns, such as <c>{i} {will} {kill} {you}</c> or <c>{hope} {you} ... {die}</c>:
/// sentences with slots rather than a list of exact sentences. A pattern is a sequence of
/// words (a '*' at either end of a word stands for the rest of it), <c>{slot}</c> (any phrase
/// of a named list), <c>(a|b c|{slot})</c> (inline alternatives), a '?' after any of these
/// (optional) and <c>...</c> (up to three words of anything; <c>...5</c> up to five, <c>...12</c> up to twelve, at most twenty). A pattern
/// compiles to a <see cref="PhraseMatcher"/> that goes word by word over the readings of a
/// comment, in time linear in their length.
/// </summary>
/// <remarks>
/// Phrases were regular expressions on .NET's non-backtracking engine. It builds its automaton
/// from a pattern's alternatives, and the shipped phrases, with slots of dozens of words each,
/// kept 245 MB and allocated 491 MB on every load; the backtracking interpreter kept 1.3 MB but
/// was five times slower on a comment. Words compared as words need neither.
/// </remarks>
public sealed class PhrasePattern
{
    private const int DefaultGap = 3;
    private const int MaxGap = 20;

    private PhrasePattern(PhraseMatcher matcher, IReadOnlyList<string> triggers, int maxWords, PhraseVocabulary vocabulary)
    {
        Matcher = matcher;
        Triggers = triggers;
        MaxWords = maxWords;
        Vocabulary = vocabulary;
    }

    /// <summary>Every word a match can hold outside its gaps, and whether it has gaps.</summary>
    internal PhraseVocabulary Vocabulary { get; }

    /// <summary>The most words a match can hold, gaps included.</summary>
    internal int MaxWords { get; }

    private PhraseMatcher Matcher { get; }

    /// <summary>
    /// Terms one of which every match contains: the longest word of each alternative of the
    /// pattern's rarest required part. The phrase is matched only on a reading where the
    /// term automaton found one, so a comment that cannot match costs nothing more.
    /// </summary>
    internal IReadOnlyList<string> Triggers { get; }

    /// <summary>Compiles one pattern; null, with the reasons in <paramref name="problems"/>, when it is invalid.</summary>
    public static PhrasePattern? TryCreate(string pattern, IReadOnlyDictionary<string, IReadOnlyList<string>> slots, List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(slots);
        ArgumentNullException.ThrowIfNull(problems);
        return Compile(pattern, slots, problems) is var (parts, triggers, maxWords, vocabulary)
            ? new PhrasePattern(new PhraseMatcher(parts), triggers, maxWords, vocabulary)
            : null;
    }

    /// <summary>
    /// Adds the ranges of <paramref name="view"/> (start, exclusive end) where the phrase matches
    /// a run of its <paramref name="words"/> that holds one of the <paramref name="anchors"/>
    /// (ascending word indices, counted from <paramref name="anchorBase"/>).
    /// </summary>
    internal void FindAll(ReadOnlySpan<char> view, ReadOnlySpan<(int Start, int End)> words, ReadOnlySpan<int> anchors, int anchorBase, List<(int Start, int End)> ranges) =>
        Matcher.FindAll(view, words, anchors, anchorBase, MaxWords, ranges);

    /// <summary>
    /// The words of a phrase's parts, in the form terms are matched in. A word a reading reads
    /// differently from the whole text can change a phrase's matches only if it is one of these,
    /// or if the reading joined words and the phrase has a gap they may now fit in.
    /// </summary>
    internal sealed class PhraseVocabulary
    {
        private readonly HashSet<string> _words = new(StringComparer.Ordinal);
        private readonly Affixes _prefixes = new(atStart: true);
        private readonly Affixes _suffixes = new(atStart: false);
        private readonly List<string> _infixes = [];
        private HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

        public PhraseVocabulary() => _lookup = _words.GetAlternateLookup<ReadOnlySpan<char>>();

        public bool HasGap { get; set; }

        /// <summary>Every word, and every word's known part where a '*' stands for the rest.</summary>
        public IEnumerable<string> Words => _words.Concat(_prefixes.All).Concat(_suffixes.All).Concat(_infixes);

        public void AddAll(IEnumerable<string> alternatives)
        {
            foreach (string alternative in alternatives)
            {
                foreach (string word in alternative.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    string form = TextViews.TermForm(word.Trim('*'));
                    switch (word.StartsWith('*'), word.EndsWith('*'))
                    {
                        case (true, true):
                            _infixes.Add(form);
                            break;
                        case (false, true):
                            _prefixes.Add(form);
                            break;
                        case (true, false):
                            _suffixes.Add(form);
                            break;
                    }

                    foreach (string part in form.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                    {
                        _words.Add(part);
                    }
                }
            }
        }

        /// <summary>Whether <paramref name="word"/> (one word of a reading) can be a word of the phrase.</summary>
        public bool Contains(ReadOnlySpan<char> word) => _lookup.Contains(word) || _prefixes.Hold(word) || _suffixes.Hold(word) || HoldsInfix(word);

        private bool HoldsInfix(ReadOnlySpan<char> word)
        {
            foreach (string infix in _infixes)
            {
                if (word.Contains(infix, StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>
    /// The known parts of a phrase's wildcard words, at one end. A slot can hold hundreds, so a
    /// word is looked up by its own first (or last) few characters, one lookup per length the
    /// parts come in, not compared with each part.
    /// </summary>
    private sealed class Affixes
    {
        private readonly bool _atStart;
        private readonly HashSet<string> _parts = new(StringComparer.Ordinal);
        private readonly List<int> _lengths = [];
        private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

        // The letters the parts begin (or end) with, folded onto 64 bits: most words share none.
        private ulong _edgeLetters;

        public Affixes(bool atStart)
        {
            _atStart = atStart;
            _lookup = _parts.GetAlternateLookup<ReadOnlySpan<char>>();
        }

        public IEnumerable<string> All => _parts;

        public void Add(string part)
        {
            _parts.Add(part);
            if (part.Length > 0)
            {
                _edgeLetters |= 1UL << ((_atStart ? part[0] : part[^1]) & 63);
            }

            int at = _lengths.BinarySearch(part.Length);
            if (at < 0)
            {
                _lengths.Insert(~at, part.Length);
            }
        }

        public bool Hold(ReadOnlySpan<char> word)
        {
            bool emptyPart = _lengths.Count > 0 && _lengths[0] == 0;
            if (word.Length == 0 || (!emptyPart && (_edgeLetters & (1UL << ((_atStart ? word[0] : word[^1]) & 63))) == 0))
            {
                return emptyPart;
            }

            foreach (int length in _lengths)
            {
                if (length > word.Length)
                {
                    return false;
                }

                if (_lookup.Contains(_atStart ? word[..length] : word[^length..]))
                {
                    return true;
                }
            }

            return false;
        }
    }

    private static (List<PhraseMatcher.Part> Parts, IReadOnlyList<string> Triggers, int MaxWords, PhraseVocabulary Vocabulary)? Compile(string pattern, IReadOnlyDictionary<string, IReadOnlyList<string>> slots, List<string> problems)
    {
        var parts = new List<PhraseMatcher.Part>();
        IReadOnlyList<string>? triggers = null;
        int maxWords = 0;
        var vocabulary = new PhraseVocabulary();
        int problemsBefore = problems.Count;
        int i = 0;
        while (i < pattern.Length)
        {
            if (char.IsWhiteSpace(pattern[i]))
            {
                i++;
                continue;
            }

            int start = i;
            PhraseMatcher.WordTest[][]? words;
            if (pattern.AsSpan(i).StartsWith("..."))
            {
                i += 3;
                int gap = DefaultGap;
                int digits = i;
                while (i < pattern.Length && char.IsAsciiDigit(pattern[i]))
                {
                    i++;
                }

                // Every digit is the gap's: "...12" read as a gap of one and a word "2" can never match.
                if (i > digits && (!int.TryParse(pattern.AsSpan(digits, i - digits), out gap) || gap is < 1 or > MaxGap))
                {
                    problems.Add($"'{pattern}': a gap of '...{pattern[digits..i]}' words; a gap holds 1 to {MaxGap}.");
                    return null;
                }

                parts.Add(PhraseMatcher.Part.GapOf(gap));
                maxWords += gap;
                vocabulary.HasGap = true;
                continue;
            }

            IReadOnlyList<string> alternatives;

            if (pattern[i] is '{' or '(')
            {
                char close = pattern[i] == '{' ? '}' : ')';
                int end = pattern.IndexOf(close, i + 1);
                if (end < 0)
                {
                    problems.Add($"'{pattern}': '{pattern[i]}' at {i + 1} is never closed.");
                    return null;
                }

                string inside = pattern[(i + 1)..end];
                i = end + 1;
                if (close == '}')
                {
                    if (SlotPhrases(inside, slots, pattern, problems) is not { } phrases)
                    {
                        continue;
                    }

                    alternatives = phrases;
                }
                else if (InlineAlternatives(inside, slots, pattern, problems) is { } inline)
                {
                    alternatives = inline;
                }
                else
                {
                    continue;
                }

                words = Alternatives(alternatives, pattern, problems);
            }
            else
            {
                while (i < pattern.Length && !char.IsWhiteSpace(pattern[i]) && pattern[i] is not ('{' or '(' or '?'))
                {
                    i++;
                }

                alternatives = [pattern[start..i]];
                words = Words(alternatives[0], pattern, problems) is { } single ? [single] : null;
            }

            bool optional = i < pattern.Length && pattern[i] == '?';
            i += optional ? 1 : 0;
            if (words is not null)
            {
                maxWords += alternatives.Max(a => TextViews.TermForm(a).Count(c => c == ' ') + 1);
                vocabulary.AddAll(alternatives);
                parts.Add(PhraseMatcher.Part.Words(words, optional));
                // Each alternative is found by its longest word: "the chinese" by "chinese", not "the".
                var longestWords = alternatives
                    .Select(a => a.Split(' ', StringSplitOptions.RemoveEmptyEntries).MaxBy(w => w.Trim('*').Length)!)
                    .Distinct()
                    .ToList();
                if (!optional && (triggers is null || Rarity(longestWords).CompareTo(Rarity(triggers)) > 0))
                {
                    triggers = longestWords;
                }
            }
        }

        if (problems.Count > problemsBefore)
        {
            return null;
        }

        if (parts.Count == 0 || parts[0] is { IsGap: true } or { Optional: true } || parts[^1] is { IsGap: true } or { Optional: true })
        {
            problems.Add($"'{pattern}': a phrase must begin and end with a required word or slot.");
            return null;
        }

        return (parts, triggers!, maxWords, vocabulary);
    }

    /// <summary>
    /// How seldom one of these words turns up in ordinary text. A word among the commonest of
    /// running text ("the", "your", "all", "тебя", "що") is everywhere, so a part with one ranks
    /// last; then short words ("you", "will") are commoner than long ones ("kill", "deserve"):
    /// the shortest word decides, and fewer words break ties.
    /// </summary>
    private static (bool NoCommonWord, int ShortestWord, int FewerWords) Rarity(IReadOnlyList<string> words) =>
        (!words.Any(w => CommonWords.Contains(w.Trim('*'))), words.Min(w => w.Trim('*').Length), -words.Count);

    /// <summary>The function words of English, Russian and Ukrainian that most sentences hold.</summary>
    private static readonly HashSet<string> CommonWords = new(
        """
        a about all also an and any are as at back be been but by can could did do does down each end every for from get go had has
        have he her here him his how i if in into is it its just know let like may me might more most must my no not now of off on
        one only or our out over should so some than that the their them then there these they this those to up us very was we were
        what when where which who why will with would you your
        а без бы был была были было в вам вас все всё вот вы где да для до его ее её ей если есть еще ещё же за и из или им их к
        как когда кто ли меня мне мой мы на над не нет ни но ну о об он она они от по под после при про с сам себя так там тебе
        тебя то тогда тоже только ты у уже чем что чтоб чтобы это этот я
        або але від він вона вони вже де є з за й коли ми мене мені на не ні по та так там те теж тебе тебя ти тобі треба у хай
        це цей чи що щоб як якщо
        """.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries),
        StringComparer.Ordinal);

    /// <summary>The alternatives of <c>(a|b c|{slot})</c>: a slot among them stands for its phrases.</summary>
    private static List<string>? InlineAlternatives(string inside, IReadOnlyDictionary<string, IReadOnlyList<string>> slots, string pattern, List<string> problems)
    {
        var alternatives = new List<string>();
        foreach (string alternative in inside.Split('|', StringSplitOptions.TrimEntries))
        {
            if (alternative.Length > 1 && alternative[0] == '{' && alternative[^1] == '}')
            {
                if (SlotPhrases(alternative[1..^1], slots, pattern, problems) is not { } phrases)
                {
                    return null;
                }

                alternatives.AddRange(phrases);
            }
            else
            {
                alternatives.Add(alternative);
            }
        }

        return alternatives;
    }

    private static IReadOnlyList<string>? SlotPhrases(string name, IReadOnlyDictionary<string, IReadOnlyList<string>> slots, string pattern, List<string> problems)
    {
        if (slots.TryGetValue(name, out var phrases))
        {
            return phrases;
        }

        problems.Add($"'{pattern}': no slot named '{name}' (slots: {string.Join(", ", slots.Keys.Order())}).");
        return null;
    }

    private static PhraseMatcher.WordTest[][]? Alternatives(IEnumerable<string> phrases, string pattern, List<string> problems)
    {
        var compiled = new List<PhraseMatcher.WordTest[]>();
        foreach (string phrase in phrases)
        {
            if (Words(phrase, pattern, problems) is { } words)
            {
                compiled.Add(words);
            }
        }

        return compiled.Count == 0 ? null : [.. compiled];
    }

    /// <summary>Words in the form terms are matched in ("I'm" reads "i m"), with '*' for the rest of a word.</summary>
    private static PhraseMatcher.WordTest[]? Words(string phrase, string pattern, List<string> problems)
    {
        var words = phrase.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var compiled = new List<PhraseMatcher.WordTest>();
        foreach (string word in words)
        {
            string form = TextViews.TermForm(word.Trim('*'));
            if (form.Length == 0 || !form.Any(CharClasses.IsWord) || word.Trim('*').Contains('*', StringComparison.Ordinal))
            {
                problems.Add($"'{pattern}': '{word}' is not a word ('*' only at its start or end).");
                return null;
            }

            // A word can read as several ("someone's" as "someone s"): a '*' belongs to the outer ends.
            var pieces = form.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            for (int p = 0; p < pieces.Length; p++)
            {
                compiled.Add(new PhraseMatcher.WordTest(pieces[p], AnyStart: p == 0 && word.StartsWith('*'), AnyEnd: p == pieces.Length - 1 && word.EndsWith('*')));
            }
        }

        if (compiled.Count == 0)
        {
            problems.Add($"'{pattern}': an empty alternative.");
            return null;
        }

        return [.. compiled];
    }
}
