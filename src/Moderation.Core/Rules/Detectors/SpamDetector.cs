using System.Buffers;
using System.Globalization;
using System.Text;

namespace Moderation.Core.Rules.Detectors;

/// <summary>
/// One spam signal with its threshold. Lengths and shares count code points, not UTF-16 units.
/// Repeat and campaign signals read the text history the service looked up before evaluation.
/// </summary>
public sealed class SpamDetector(SpamSignal signal, double threshold, int minimum, TimeSpan? window = null) : RuleDetector
{
    /// <summary>The window this signal needs text history over, or null when it needs none.</summary>
    public TimeSpan? HistoryWindow => signal is SpamSignal.RepeatFromAuthor or SpamSignal.CopyCampaign ? window : null;

    public override bool Detect(string text, EvaluationContext context, List<(int Start, int End)> ranges)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(ranges);
        return signal switch
        {
            SpamSignal.RepeatFromAuthor => context.History?.AuthorPostedBefore is { } before && context.Now - before <= window,
            SpamSignal.CopyCampaign => context.History?.AuthorsWithin.GetValueOrDefault(window!.Value) >= threshold,
            SpamSignal.CapsRatio => CapsRatioReached(text),
            SpamSignal.RepeatedCharacters => FindRepeatedCharacters(text, ranges),
            SpamSignal.RepeatedWords => FindRepeatedWords(text, ranges),
            SpamSignal.SymbolRatio => SymbolRatioReached(text),
            SpamSignal.MaxLength => CodePoints.Count(text) > threshold,
            _ => CodePoints.Count(text.AsSpan().Trim()) < threshold,
        };
    }

    public override string Describe() => signal switch
    {
        SpamSignal.CapsRatio => $"At least {threshold:P0} of the letters are capitals.",
        SpamSignal.RepeatedCharacters => $"A character repeated {threshold} or more times.",
        SpamSignal.RepeatedWords => $"A word repeated {threshold} or more times in a row.",
        SpamSignal.SymbolRatio => $"At least {threshold:P0} of the characters are emoji or symbols.",
        SpamSignal.MaxLength => $"Longer than {threshold} characters.",
        SpamSignal.RepeatFromAuthor => $"The author posted the same text within {window}.",
        SpamSignal.CopyCampaign => $"{threshold} or more authors posted the same text within {window}.",
        _ => $"Shorter than {threshold} characters.",
    };

    private bool CapsRatioReached(string text)
    {
        int letters = 0;
        int capitals = 0;
        bool runMayStart = true;
        for (int i = 0; i < text.Length; i++)
        {
            // Most comments are mostly ASCII, which needs neither decoding nor Unicode tables,
            // and whose long runs are counted by vector. A run is looked for where ASCII
            // begins, so a Cyrillic or Korean text pays one test per space, not per letter.
            char c = text[i];
            if (c < 0x80)
            {
                if (runMayStart && CharCounts.AsciiRunAt(text.AsSpan(i)) is var run and > 0)
                {
                    var ascii = text.AsSpan(i, run);
                    int upper = CharCounts.InRange(ascii, 'A', 'Z');
                    capitals += upper;
                    letters += upper + CharCounts.InRange(ascii, 'a', 'z');
                    i += run - 1;
                    continue;
                }

                runMayStart = false;
                letters += char.IsAsciiLetter(c) ? 1 : 0;
                capitals += char.IsAsciiLetterUpper(c) ? 1 : 0;
                continue;
            }

            runMayStart = true;
            Rune rune = RuneAt(text, ref i);
            if (Rune.IsLetter(rune))
            {
                letters++;
                capitals += Rune.IsUpper(rune) ? 1 : 0;
            }
        }

        return letters >= minimum && capitals >= threshold * letters;
    }

    private bool SymbolRatioReached(string text)
    {
        int visible = 0;
        int symbols = 0;
        bool runMayStart = true;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c < 0x80)
            {
                if (runMayStart && CharCounts.AsciiRunAt(text.AsSpan(i)) is var run and > 0)
                {
                    var ascii = text.AsSpan(i, run);
                    visible += run - ascii.Count(' ') - CharCounts.InRange(ascii, '\t', '\r');
                    symbols += CharCounts.InRange(ascii, '<', '>') + OccurrencesOf(ascii, AsciiSymbolsOutsideRange);
                    i += run - 1;
                    continue;
                }

                runMayStart = false;
                // The ASCII symbols are the math, currency and modifier ones: + < = > | ~ $ ^ `.
                visible += char.IsWhiteSpace(c) ? 0 : 1;
                symbols += c is '+' or '<' or '=' or '>' or '|' or '~' or '$' or '^' or '`' ? 1 : 0;
                continue;
            }

            runMayStart = true;
            Rune rune = RuneAt(text, ref i);
            if (Rune.IsWhiteSpace(rune))
            {
                continue;
            }

            visible++;
            symbols += Rune.GetUnicodeCategory(rune) is UnicodeCategory.OtherSymbol or UnicodeCategory.MathSymbol
                or UnicodeCategory.ModifierSymbol or UnicodeCategory.CurrencySymbol ? 1 : 0;
        }

        return visible >= minimum && symbols >= threshold * visible;
    }

    // The ASCII symbols besides < = >, which are counted as a range: rare, so found one by one.
    private static readonly SearchValues<char> AsciiSymbolsOutsideRange = SearchValues.Create("+|~$^`");

    private static int OccurrencesOf(ReadOnlySpan<char> text, SearchValues<char> values)
    {
        int count = 0;
        for (int at = text.IndexOfAny(values); at >= 0; at = text.IndexOfAny(values))
        {
            count++;
            text = text[(at + 1)..];
        }

        return count;
    }

    /// <summary>The code point at <paramref name="index"/>, moved to its last UTF-16 unit; a lone surrogate reads as U+FFFD, as enumerating runes reads it.</summary>
    private static Rune RuneAt(string text, ref int index)
    {
        Rune.DecodeFromUtf16(text.AsSpan(index), out Rune rune, out int width);
        index += width - 1;
        return rune;
    }

    private bool FindRepeatedCharacters(string text, List<(int Start, int End)> ranges)
    {
        bool found = false;
        int index = 0;
        while (index < text.Length)
        {
            // An ASCII character is compared as it is; runs of one are the rule, so decoding is left for the rest.
            if (text[index] < 0x80 && (index + 1 == text.Length || text[index + 1] != text[index]))
            {
                index++;
                continue;
            }

            Rune.DecodeFromUtf16(text.AsSpan(index), out Rune rune, out int width);
            int end = index + width;
            int count = 1;
            while (end < text.Length && Rune.DecodeFromUtf16(text.AsSpan(end), out Rune next, out int nextWidth) == System.Buffers.OperationStatus.Done && next == rune)
            {
                end += nextWidth;
                count++;
            }

            if (count >= threshold && !Rune.IsWhiteSpace(rune))
            {
                ranges.Add((index, end));
                found = true;
            }

            index = end;
        }

        return found;
    }

    private bool FindRepeatedWords(string text, List<(int Start, int End)> ranges)
    {
        bool found = false;
        (int Start, int End) runFirst = default, previous = default;
        int runLength = 0;
        int start = -1;
        for (int i = 0; i <= text.Length; i++)
        {
            bool wordChar = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (wordChar && start < 0)
            {
                start = i;
                continue;
            }

            if (wordChar || start < 0)
            {
                continue;
            }

            var word = (start, i);
            bool same = runLength > 0 && text.AsSpan(previous.Start, previous.End - previous.Start)
                .Equals(text.AsSpan(start, i - start), StringComparison.OrdinalIgnoreCase);
            if (same)
            {
                runLength++;
            }
            else
            {
                found |= CloseRun(runFirst, previous, runLength, ranges);
                runFirst = word;
                runLength = 1;
            }

            previous = word;
            start = -1;
        }

        return CloseRun(runFirst, previous, runLength, ranges) | found;
    }

    private bool CloseRun((int Start, int End) first, (int Start, int End) last, int length, List<(int Start, int End)> ranges)
    {
        if (length < threshold)
        {
            return false;
        }

        ranges.Add((first.Start, last.End));
        return true;
    }
}
