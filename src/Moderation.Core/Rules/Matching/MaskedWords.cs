using System.Globalization;
using Moderation.Core.Rules.Normalization;

namespace Moderation.Core.Rules.Matching;

/// <summary>
/// Finds terms in words where symbols stand for letters or are pushed between them: "f*ck",
/// "f**k", "a**hole", "f🤬ck", "fu🖕ck", "х*й", "п#здец". A run of k masks inside a word stands
/// for up to k letters, or for none; the trie is walked with every letter it allows there, so
/// only real terms are tried. Masks at a word's ends are punctuation ("fine!"), not letters,
/// except one or two asterisks before a word's first letter ("*unt", not "*really*").
/// A term open at its end may end on a masked letter ("пи**ец" for пизд*).
/// </summary>
internal static class MaskedWords
{
    /// <summary>A term found in a masked word: its pattern and the word's range in the view.</summary>
    public readonly record struct Hit(int PatternId, int Start, int End, bool StartsWord, bool EndsWord);

    private const int MaxMasksPerRun = 3;

    // Each masked word walks at most this many trie states: a bound on the cost of a hostile
    // comment full of asterisks, far above what a real masked word needs (tens to hundreds).
    private const int MaxStepsPerWord = 4096;

    /// <summary>A letter, or a run of masks; a hyphen stands for a letter but never for nothing ("cock-up" is two words).</summary>
    private readonly record struct Part(char Letter, int Masks, bool CanVanish = true);

    [ThreadStatic]
    private static List<Part>? t_parts;

    /// <summary>Adds the terms found in every masked word of <paramref name="view"/> to <paramref name="hits"/>.</summary>
    public static void FindAll(AhoCorasick automaton, TextView view, List<Hit> hits)
    {
        // ASCII text without a mask character has no masked word: two vectorized searches say so.
        if (System.Text.Ascii.IsValid(view.Chars) && !view.Chars.ContainsAny(AsciiMasks))
        {
            return;
        }

        int i = 0;
        while (i < view.Length)
        {
            int leading = LeadingAsterisks(view, i);
            if (leading == 0 && !CharClasses.IsWord(view[i]))
            {
                i++;
                continue;
            }

            int end = i + leading;
            bool masked = leading > 0;
            while (end < view.Length && (CharClasses.IsWord(view[end]) || IsMask(view[end])))
            {
                end++;
            }

            // The word ends at its last letter or digit; masks after it are punctuation.
            int wordEnd = end;
            while (!CharClasses.IsWord(view[wordEnd - 1]))
            {
                wordEnd--;
            }

            if (leading > 0 && view[end - 1] == '*')
            {
                // "*really*" is emphasis, not a hidden first letter.
                i += leading;
                continue;
            }

            for (int k = i; k < wordEnd && !masked; k++)
            {
                masked = IsMask(view[k]);
            }

            if (masked)
            {
                FindInWord(automaton, view, i, wordEnd, hits, leading);
            }

            i = end;
        }
    }

    /// <summary>
    /// How many asterisks at <paramref name="i"/> hide a word's first letters ("*unt", "**ck"):
    /// one or two, after a space or the start and before a letter; 0 otherwise. Other marks at a
    /// word's start are punctuation or handles ("@name", "#tag", "!important").
    /// </summary>
    private static int LeadingAsterisks(TextView view, int i)
    {
        if (view[i] != '*' || (i > 0 && (CharClasses.IsWord(view[i - 1]) || IsMask(view[i - 1]))))
        {
            return 0;
        }

        int run = 1;
        while (i + run < view.Length && view[i + run] == '*')
        {
            run++;
        }

        return run <= 2 && i + run < view.Length && CharClasses.IsWord(view[i + run]) ? run : 0;
    }

    private static void FindInWord(AhoCorasick automaton, TextView view, int start, int end, List<Hit> hits, int leadingAsterisks)
    {
        var parts = t_parts ??= [];
        parts.Clear();
        if (leadingAsterisks > 0)
        {
            // Hidden first letters stand for letters, never for nothing: "*ass" is not "ass".
            parts.Add(new Part('\0', leadingAsterisks, CanVanish: false));
        }

        for (int k = start + leadingAsterisks; k < end; k++)
        {
            if (CharClasses.IsWord(view[k]))
            {
                parts.Add(new Part(view[k], 0));
            }
            else if (view[k] == '-')
            {
                parts.Add(new Part('\0', 1, CanVanish: false));
            }
            else if (!char.IsLowSurrogate(view[k]))
            {
                // An emoji is two UTF-16 units and stands for one letter.
                if (parts[^1].Masks > 0 && parts[^1].CanVanish)
                {
                    parts[^1] = parts[^1] with { Masks = Math.Min(parts[^1].Masks + 1, MaxMasksPerRun) };
                }
                else
                {
                    parts.Add(new Part('\0', 1));
                }
            }
        }

        var walk = new Walk(automaton, parts, hits, start, end);
        for (int first = 0; first < parts.Count; first++)
        {
            if (parts[first].Masks == 0 || (first == 0 && leadingAsterisks > 0))
            {
                walk.From(first);
            }
        }
    }

    private static readonly System.Buffers.SearchValues<char> AsciiMasks = System.Buffers.SearchValues.Create("*#@!$%-");

    /// <summary>Characters that stand for a letter when they sit inside a word ("f-ck" too: a hyphen between words joins nothing).</summary>
    public static bool IsMask(char c)
    {
        if (c < 0x80)
        {
            return c is '*' or '#' or '@' or '!' or '$' or '%' or '-';
        }

        return char.IsSurrogate(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.OtherSymbol or UnicodeCategory.MathSymbol;
    }

    private sealed class Walk(AhoCorasick automaton, List<Part> parts, List<Hit> hits, int viewStart, int viewEnd)
    {
        private int _first;
        private int _steps;

        /// <summary>Tries the terms starting at part <paramref name="first"/>; the step budget is shared by every start in the word.</summary>
        public void From(int first)
        {
            _first = first;
            Visit(AhoCorasick.Root, first, letters: 0, maskLetters: 0, usedMask: false);
        }

        /// <summary>
        /// The trie state after the parts before <paramref name="next"/>; records the patterns
        /// ending here when the match so far is a plausible masked term: it hides something,
        /// ends on a letter and shows at least two real letters, no fewer than it hides.
        /// </summary>
        private void Visit(int state, int next, int letters, int maskLetters, bool usedMask)
        {
            if (++_steps > MaxStepsPerWord)
            {
                return;
            }

            if (usedMask && next > _first && letters >= 2 && letters >= maskLetters)
            {
                // A term may also end on a letter a mask stands for ("пи**ец" is пизд-ец), but
                // only a term open at its end ("пизд*") takes the rest of the word: the hit
                // does not end the word. A hyphen is a mask only between letters it joins.
                var last = parts[next - 1];
                if (last.Masks == 0 || (last.CanVanish && maskLetters > 0))
                {
                    bool endsWord = last.Masks == 0 && next == parts.Count;
                    foreach (int pattern in automaton.PatternsEndingAt(state))
                    {
                        hits.Add(new Hit(pattern, viewStart, viewEnd, _first == 0, endsWord));
                    }
                }
            }

            if (next == parts.Count)
            {
                return;
            }

            var part = parts[next];
            if (part.Masks == 0)
            {
                int child = automaton.Step(state, part.Letter);
                if (child != 0)
                {
                    Visit(child, next + 1, letters + 1, maskLetters, usedMask);
                }

                return;
            }

            // Masks pushed between letters stand for nothing ("fu🖕ck").
            if (part.CanVanish)
            {
                Visit(state, next + 1, letters, maskLetters, usedMask: true);
            }

            Fill(state, next, part.Masks, letters, maskLetters);
        }

        /// <summary>Masks that stand for 1 to <paramref name="left"/> letters, each any letter the trie allows.</summary>
        private void Fill(int state, int next, int left, int letters, int maskLetters)
        {
            foreach (int child in automaton.ChildrenOf(state))
            {
                if (_steps > MaxStepsPerWord)
                {
                    return;
                }

                Visit(child, next + 1, letters, maskLetters + 1, usedMask: true);
                if (left > 1)
                {
                    Fill(child, next, left - 1, letters, maskLetters + 1);
                }
            }
        }
    }
}
