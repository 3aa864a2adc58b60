using System.Runtime.InteropServices;
using Moderation.Core.Rules.Matching;
using Moderation.Core.Rules.Normalization;

namespace Moderation.Core.Rules;

/// <summary>
/// Finds the terms of every term-list rule in a text, through the readings that undo evasions
/// (look-alike letters, leet, spaced and stretched letters, separated Korean syllables,
/// invisible characters, entities), with one automaton pass per reading, and in words where
/// symbols mask letters; and the phrase patterns of phrase rules, in the same readings. A term
/// matches whole words unless it carries a '*' wildcard at that end; a hit that lies inside one
/// of its rule's allow terms is dropped.
/// </summary>
public sealed class TermMatcher
{
    /// <summary>A term occurrence: which rule, and where (UTF-16 positions in the original text).</summary>
    public readonly record struct Match(int RuleIndex, int Start, int End);

    /// <summary>A term, an allow term, or (with a <see cref="Phrase"/> index) the trigger of a phrase pattern.</summary>
    private readonly record struct Pattern(int RuleIndex, bool Allow, bool OpenStart, bool OpenEnd, int Length, int Phrase = -1);

    private readonly List<Pattern> _patterns = [];
    private readonly AhoCorasick _automaton;
    private readonly List<(int RuleIndex, PhrasePattern Phrase, bool Allow)> _phrases = [];

    public TermMatcher(IReadOnlyList<RuleDefinition> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var texts = new List<string>();
        for (int ruleIndex = 0; ruleIndex < rules.Count; ruleIndex++)
        {
            foreach (string term in rules[ruleIndex].Terms)
            {
                AddPattern(texts, term, ruleIndex, allow: false);
            }

            foreach (string term in rules[ruleIndex].AllowTerms)
            {
                AddPattern(texts, term, ruleIndex, allow: true);
            }

            foreach (var phrase in rules[ruleIndex].Phrases ?? [])
            {
                AddPhrase(texts, ruleIndex, phrase, allow: false);
            }

            foreach (var phrase in rules[ruleIndex].AllowPhrases ?? [])
            {
                AddPhrase(texts, ruleIndex, phrase, allow: true);
            }
        }

        _automaton = new AhoCorasick(texts);
        _contextTokens = texts.Count == 0 ? 0 : texts.Max(t => t.Count(c => c == ' '));
        _letterRuns = new LetterRuns(texts.Concat(_phrases.SelectMany(p => p.Phrase.Vocabulary.Words)));
    }

    private readonly LetterRuns _letterRuns;

    // How many tokens beside a trick a term can reach: a window reads them too.
    private readonly int _contextTokens;

    /// <summary>The form a term is matched in, or null when nothing matchable is left of it.</summary>
    public static string? MatchableForm(string term)
    {
        ArgumentNullException.ThrowIfNull(term);
        string form = TextViews.TermForm(term.Trim('*'));
        return form.Any(CharClasses.IsWord) ? form : null;
    }

    [ThreadStatic]
    private static List<AhoCorasick.Hit>? t_hits;

    [ThreadStatic]
    private static List<Match>? t_found;

    [ThreadStatic]
    private static List<Match>? t_allowed;

    public List<Match> FindAll(string text)
    {
        var matches = new List<Match>();
        FindAll(text, matches);
        return matches;
    }

    [ThreadStatic]
    private static List<MaskedWords.Hit>? t_maskedHits;

    [ThreadStatic]
    private static List<Match>? t_allowedSpans;

    /// <summary>Adds every distinct match in <paramref name="text"/> to <paramref name="matches"/>.</summary>
    public void FindAll(string text, List<Match> matches)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(matches);
        int before = matches.Count;
        var allowedSpans = t_allowedSpans ??= [];
        allowedSpans.Clear();
        var hits = t_hits ??= new List<AhoCorasick.Hit>(16);
        var views = TextViews.For(text, _contextTokens, _letterRuns);
        var triggersInWhole = t_triggersInWhole ??= [];
        triggersInWhole.Clear();
        (t_considered ??= []).Clear();
        for (int reading = 0; reading < views.Readings.Count; reading++)
        {
            hits.Clear();
            _automaton.FindAll(views.Readings[reading].Chars, hits);
            if (hits.Count > 0 || (reading > 0 && triggersInWhole.Count > 0))
            {
                CollectMatches(views, reading, hits, matches, triggersInWhole, allowedSpans);
            }
        }

        var maskedHits = t_maskedHits ??= [];
        maskedHits.Clear();
        MaskedWords.FindAll(_automaton, views.Folded, maskedHits);
        if (maskedHits.Count > 0)
        {
            CollectMaskedMatches(views.Folded, maskedHits, matches);
        }

        if (allowedSpans.Count > 0)
        {
            DropAllowed(matches, before, allowedSpans);
        }
    }

    /// <summary>Drops the matches from <paramref name="first"/> on that lie inside a match of an allow phrase of their rule, or of an allow term in the text as written.</summary>
    private static void DropAllowed(List<Match> matches, int first, List<Match> allowedSpans)
    {
        int kept = first;
        for (int i = first; i < matches.Count; i++)
        {
            var match = matches[i];
            if (!IsAllowed(allowedSpans, match.RuleIndex, match.Start, match.End))
            {
                matches[kept++] = match;
            }
        }

        matches.RemoveRange(kept, matches.Count - kept);
    }

    private void AddPhrase(List<string> texts, int ruleIndex, PhrasePattern phrase, bool allow)
    {
        foreach (string trigger in phrase.Triggers)
        {
            AddPattern(texts, trigger, ruleIndex, allow: false, _phrases.Count);
        }

        _phrases.Add((ruleIndex, phrase, allow));
    }

    [ThreadStatic]
    private static List<int>? t_triggered;

    [ThreadStatic]
    private static List<(int Phrase, int At)>? t_triggersInWhole;

    /// <summary>
    /// The matches of one reading. A window reading keeps only the term matches that touch what
    /// it reads differently. Its phrases are matched in the whole text with the window read that
    /// way: those it triggers, and those triggered in the whole text near enough for a match to
    /// reach from the trigger into the window.
    /// </summary>
    private void CollectMatches(TextViews views, int reading, List<AhoCorasick.Hit> hits, List<Match> matches, List<(int Phrase, int At)> triggersInWhole, List<Match> allowedSpans)
    {
        var view = views.Readings[reading];
        var (found, allowed) = ClearedScratch();
        var triggered = t_triggered ??= [];
        triggered.Clear();
        if (reading > 0)
        {
            foreach (var (phrase, at) in triggersInWhole)
            {
                if (!triggered.Contains(phrase) && views.WordsToWindow(reading, at) < _phrases[phrase].Phrase.MaxWords)
                {
                    triggered.Add(phrase);
                }
            }
        }

        foreach (var hit in hits)
        {
            var pattern = _patterns[hit.PatternId];
            int start = hit.End - pattern.Length;
            bool startsWord = pattern.OpenStart || start == 0 || !CharClasses.IsWord(view[start - 1]);
            bool endsWord = pattern.OpenEnd || hit.End == view.Length || !CharClasses.IsWord(view[hit.End]);
            if (!startsWord || !endsWord)
            {
                continue;
            }

            // A wildcard stands for the rest of the word: the span covers the whole word.
            int end = hit.End;
            while (pattern.OpenStart && start > 0 && CharClasses.IsWord(view[start - 1]))
            {
                start--;
            }

            while (pattern.OpenEnd && end < view.Length && CharClasses.IsWord(view[end]))
            {
                end++;
            }

            if (pattern.Phrase >= 0)
            {
                if (reading == 0)
                {
                    triggersInWhole.Add((pattern.Phrase, start));
                }

                if (!triggered.Contains(pattern.Phrase))
                {
                    triggered.Add(pattern.Phrase);
                }

                continue;
            }

            (pattern.Allow ? allowed : found).Add(new Match(pattern.RuleIndex, start, end));
        }

        AddUnlessAllowed(view, found, allowed, matches, views, reading);
        if (reading == 0)
        {
            // A word that is innocent as written stays innocent however a window reads it
            // ("Shiite" read with its pair of i as one is "shite"): its allow span covers them all.
            foreach (var (rule, start, end) in allowed)
            {
                allowedSpans.Add(new Match(rule, view.StartOf(start), view.EndOf(end - 1)));
            }
        }

        if (reading > 0 && triggered.Count > 0)
        {
            var considered = t_considered ??= [];
            var changed = ChangedWords(views, reading);
            var siblings = Siblings(views, reading);
            for (int t = triggered.Count - 1; t >= 0; t--)
            {
                var phrase = _phrases[triggered[t]].Phrase;
                considered.Add((reading, triggered[t]));
                if (!CanMatchDifferently(views, reading, changed, phrase) || MatchedInASibling(views, reading, triggered[t], phrase, considered, siblings))
                {
                    triggered.RemoveAt(t);
                }
            }
        }

        if (triggered.Count > 0)
        {
            int reach = 0;
            foreach (int phrase in triggered)
            {
                reach = Math.Max(reach, _phrases[phrase].Phrase.MaxWords);
            }

            var setting = views.InSetting(reading, reach, out int partStart, out int partEnd);
            var words = t_settingWords ??= [];
            words.Clear();
            TextViews.AddWords(setting.Chars, words);
            var anchors = t_anchors ??= [];
            if (reading > 0)
            {
                WindowAnchors(views, reading, setting, words, partStart, partEnd, anchors);
            }

            foreach (int phrase in triggered)
            {
                var (ruleIndex, pattern, allow) = _phrases[phrase];
                if (reading == 0)
                {
                    TriggerAnchors(triggersInWhole, phrase, words, anchors);
                }

                int from = TextViews.WordsBefore(setting, partStart, pattern.MaxWords);
                int to = TextViews.WordsAfter(setting, partEnd, pattern.MaxWords);
                CollectPhraseMatches(setting, words, from, to, anchors, ruleIndex, pattern, allow ? allowedSpans : matches);
            }
        }
    }

    [ThreadStatic]
    private static List<(int Start, int End)>? t_settingWords;

    [ThreadStatic]
    private static List<int>? t_anchors;

    /// <summary>
    /// The words of the whole text where <paramref name="phrase"/>'s triggers were found: every
    /// match of it holds one, so a match can begin only a little before one.
    /// </summary>
    private static void TriggerAnchors(List<(int Phrase, int At)> triggersInWhole, int phrase, List<(int Start, int End)> words, List<int> anchors)
    {
        anchors.Clear();
        foreach (var (triggeredPhrase, at) in triggersInWhole)
        {
            if (triggeredPhrase == phrase)
            {
                anchors.Add(WordIndexAt(words, at));
            }
        }

        anchors.Sort();
    }

    /// <summary>
    /// The words of a window's setting that touch what the window reads differently: a phrase
    /// match there that holds none of them is one of the whole text, found when it was read.
    /// </summary>
    private static void WindowAnchors(TextViews views, int reading, TextView setting, List<(int Start, int End)> words, int partStart, int partEnd, List<int> anchors)
    {
        anchors.Clear();
        for (int w = 0; w < words.Count; w++)
        {
            var (start, end) = words[w];
            if (start >= partStart && end <= partEnd && views.Touches(reading, setting.StartOf(start), setting.EndOf(end - 1)))
            {
                anchors.Add(w);
            }
        }
    }

    /// <summary>The index of the word of <paramref name="words"/> that holds character <paramref name="at"/>.</summary>
    private static int WordIndexAt(List<(int Start, int End)> words, int at)
    {
        int low = 0;
        int high = words.Count - 1;
        while (low < high)
        {
            int mid = (low + high + 1) >>> 1;
            if (words[mid].Start <= at)
            {
                low = mid;
            }
            else
            {
                high = mid - 1;
            }
        }

        return low;
    }

    /// <summary>
    /// Whether a window reading can give <paramref name="phrase"/> a match the whole text does not
    /// have: only through a word it reads differently that the phrase may hold, or by joining
    /// words where the phrase has a gap to fit them in. Otherwise every match there is one of the
    /// whole text, found when the whole text was read.
    /// </summary>
    private static bool CanMatchDifferently(TextViews views, int reading, List<(int Start, int End)> changed, PhrasePattern phrase)
    {
        if (phrase.Vocabulary.HasGap && views.JoinsWords(reading))
        {
            return true;
        }

        var chars = views.Readings[reading].Chars;
        foreach (var (start, end) in changed)
        {
            if (phrase.Vocabulary.Contains(chars[start..end]))
            {
                return true;
            }
        }

        return false;
    }

    [ThreadStatic]
    private static List<(int Reading, int Phrase)>? t_considered;

    [ThreadStatic]
    private static List<(int Sibling, int Start, int End)>? t_siblingWords;

    /// <summary>
    /// The earlier readings of the same window whose words stand where this reading's do: each
    /// as (sibling, 0, 0), followed by the words of this reading that differ from it as
    /// (sibling, start, end).
    /// </summary>
    private static List<(int Sibling, int Start, int End)> Siblings(TextViews views, int reading)
    {
        var siblings = t_siblingWords ??= [];
        siblings.Clear();
        var now = views.Readings[reading].Chars;
        for (int earlier = reading - 1; earlier > 0 && views.SameWindow(earlier, reading); earlier--)
        {
            AddDifferingWords(views.Readings[earlier].Chars, now, earlier, siblings);
        }

        return siblings;
    }

    /// <summary>Adds the words of <paramref name="now"/> that differ from <paramref name="earlier"/>, if their spaces stand in the same places.</summary>
    private static void AddDifferingWords(ReadOnlySpan<char> earlier, ReadOnlySpan<char> now, int sibling, List<(int Sibling, int Start, int End)> into)
    {
        if (earlier.Length != now.Length)
        {
            return;
        }

        int before = into.Count;
        into.Add((sibling, 0, 0));
        int start = 0;
        for (int i = 0; i <= now.Length; i++)
        {
            if (i < now.Length && now[i] != ' ')
            {
                if (earlier[i] == ' ')
                {
                    into.RemoveRange(before, into.Count - before);
                    return;
                }

                continue;
            }

            if (i < now.Length && earlier[i] != ' ')
            {
                into.RemoveRange(before, into.Count - before);
                return;
            }

            if (!now[start..i].SequenceEqual(earlier[start..i]))
            {
                into.Add((sibling, start, i));
            }

            start = i + 1;
        }
    }

    /// <summary>
    /// Whether an earlier reading of the same window that <paramref name="phrase"/> was
    /// considered in has every match this one can have: its words stand where this one's do, and
    /// the words that differ are none of the phrase's, so they can only fall in its gaps. Leet read
    /// as 'i' and as 'l' ("sh1t" as "shit" and "shlt") makes such readings; a phrase about
    /// "fucking" beside it needs reading only once.
    /// </summary>
    private static bool MatchedInASibling(TextViews views, int reading, int phraseIndex, PhrasePattern phrase, List<(int Reading, int Phrase)> considered, List<(int Sibling, int Start, int End)> siblings)
    {
        var now = views.Readings[reading].Chars;
        int at = 0;
        while (at < siblings.Count)
        {
            int sibling = siblings[at].Sibling;
            bool outside = considered.Contains((sibling, phraseIndex));
            for (at++; at < siblings.Count && siblings[at].Sibling == sibling; at++)
            {
                outside = outside && !phrase.Vocabulary.Contains(now[siblings[at].Start..siblings[at].End]);
            }

            if (outside)
            {
                return true;
            }
        }

        return false;
    }

    [ThreadStatic]
    private static List<(int Start, int End)>? t_changedWords;

    /// <summary>The words of a window reading that touch what it reads differently from the whole text.</summary>
    private static List<(int Start, int End)> ChangedWords(TextViews views, int reading)
    {
        var changed = t_changedWords ??= [];
        changed.Clear();
        var view = views.Readings[reading];
        TextViews.AddWords(view.Chars, changed);
        int kept = 0;
        for (int w = 0; w < changed.Count; w++)
        {
            var (start, end) = changed[w];
            if (views.Touches(reading, view.StartOf(start), view.EndOf(end - 1)))
            {
                changed[kept++] = (start, end);
            }
        }

        changed.RemoveRange(kept, changed.Count - kept);
        return changed;
    }

    [ThreadStatic]
    private static List<(int Start, int End)>? t_phraseRanges;

    /// <summary>
    /// The matches of a phrase in the part [<paramref name="from"/>, <paramref name="to"/>) of a
    /// reading, which begins and ends between words, that hold one of its words
    /// <paramref name="anchors"/> (indices into <paramref name="words"/>, ascending).
    /// </summary>
    private static void CollectPhraseMatches(TextView view, List<(int Start, int End)> words, int from, int to, List<int> anchors, int ruleIndex, PhrasePattern phrase, List<Match> matches)
    {
        var all = CollectionsMarshal.AsSpan(words);
        int first = FirstWordFrom(all, from);
        int last = first + FirstWordFrom(all[first..], to + 1);

        var ranges = t_phraseRanges ??= [];
        ranges.Clear();
        phrase.FindAll(view.Chars, all[first..last], CollectionsMarshal.AsSpan(anchors), first, ranges);
        foreach (var (start, end) in ranges)
        {
            var match = new Match(ruleIndex, view.StartOf(start), view.EndOf(end - 1));
            if (!matches.Contains(match))
            {
                matches.Add(match);
            }
        }
    }

    /// <summary>The index of the first of <paramref name="words"/> (ascending, apart) that starts at <paramref name="at"/> or later; their count if none does.</summary>
    private static int FirstWordFrom(ReadOnlySpan<(int Start, int End)> words, int at)
    {
        int low = 0;
        int high = words.Length;
        while (low < high)
        {
            int mid = (low + high) >>> 1;
            if (words[mid].Start < at)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }

    /// <summary>
    /// A masked word is one word: a term found in it spans all of it, as written. Masks hide
    /// letters on purpose, so an allow term read through them ("е**нутый" read as ебен*) does not
    /// excuse the word; one that needs only hyphens ("cock-tail") still does.
    /// </summary>
    private void CollectMaskedMatches(TextView view, List<MaskedWords.Hit> hits, List<Match> matches)
    {
        var (found, allowed) = ClearedScratch();
        foreach (var hit in hits)
        {
            var pattern = _patterns[hit.PatternId];
            if (pattern.Allow && HidesLetters(view, hit.Start, hit.End))
            {
                continue;
            }

            // A phrase's trigger only wakes its pattern in a reading; it is no match by itself.
            if (pattern.Phrase < 0 && (pattern.OpenStart || hit.StartsWord) && (pattern.OpenEnd || hit.EndsWord))
            {
                (pattern.Allow ? allowed : found).Add(new Match(pattern.RuleIndex, hit.Start, hit.End));
            }
        }

        AddUnlessAllowed(view, found, allowed, matches);
    }

    private static bool HidesLetters(TextView view, int start, int end)
    {
        for (int i = start; i < end; i++)
        {
            if (view[i] != '-' && MaskedWords.IsMask(view[i]))
            {
                return true;
            }
        }

        return false;
    }

    private static (List<Match> Found, List<Match> Allowed) ClearedScratch()
    {
        var found = t_found ??= [];
        var allowed = t_allowed ??= [];
        found.Clear();
        allowed.Clear();
        return (found, allowed);
    }

    private static void AddUnlessAllowed(TextView view, List<Match> found, List<Match> allowed, List<Match> matches, TextViews? views = null, int reading = 0)
    {
        foreach (var (rule, start, end) in found)
        {
            if (IsAllowed(allowed, rule, start, end))
            {
                continue;
            }

            var match = new Match(rule, view.StartOf(start), view.EndOf(end - 1));
            if (views is not null && !views.Touches(reading, match.Start, match.End))
            {
                continue;
            }

            if (!matches.Contains(match))
            {
                matches.Add(match);
            }
        }
    }

    /// <summary>Whether an allow span of <paramref name="rule"/> holds [<paramref name="start"/>, <paramref name="end"/>), in the spans' own coordinates.</summary>
    private static bool IsAllowed(List<Match> allowed, int rule, int start, int end)
    {
        foreach (var allow in allowed)
        {
            if (allow.RuleIndex == rule && allow.Start <= start && end <= allow.End)
            {
                return true;
            }
        }

        return false;
    }

    private void AddPattern(List<string> texts, string term, int ruleIndex, bool allow, int phrase = -1)
    {
        if (MatchableForm(term) is not { } form)
        {
            return;
        }

        texts.Add(form);
        _patterns.Add(new Pattern(ruleIndex, allow, term.StartsWith('*'), term.EndsWith('*'), form.Length, phrase));
    }
}
