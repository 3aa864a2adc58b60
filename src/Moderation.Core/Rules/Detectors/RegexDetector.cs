using System.Text.RegularExpressions;

namespace Moderation.Core.Rules.Detectors;

/// <summary>
/// A regular expression rule. Compiled with the non-backtracking engine, so matching is linear
/// in the text whatever the pattern; patterns are bounded in length and matching in time.
/// </summary>
public sealed class RegexDetector : RuleDetector
{
    public const int MaxPatternLength = 1_000;
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(100);

    private static readonly string[] EmptyMatchProbes = ["", " ", "a", "a b", "1"];

    private readonly Regex _regex;

    private RegexDetector(Regex regex) => _regex = regex;

    /// <summary>Compiles <paramref name="pattern"/>, or says why it cannot be a rule.</summary>
    public static RegexDetector? TryCreate(string pattern, out string? problem)
    {
        problem = null;
        if (pattern.Length > MaxPatternLength)
        {
            problem = $"A regex is at most {MaxPatternLength} characters.";
            return null;
        }

        Regex regex;
        try
        {
            regex = new Regex(pattern, RegexOptions.NonBacktracking | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, MatchTimeout);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException)
        {
            problem = $"Not a regex the linear-time engine accepts: {ex.Message}";
            return null;
        }

        // A pattern that matches the empty string matches every comment, everywhere.
        if (EmptyMatchProbes.Any(probe => regex.Matches(probe).Any(m => m.Length == 0)))
        {
            problem = "The regex can match the empty string, so it would match every comment.";
            return null;
        }

        return new RegexDetector(regex);
    }

    public override bool Detect(string text, EvaluationContext context, List<(int Start, int End)> ranges)
    {
        int before = ranges.Count;
        try
        {
            foreach (var match in _regex.EnumerateMatches(text))
            {
                ranges.Add((match.Index, match.Index + match.Length));
            }
        }
        catch (RegexMatchTimeoutException)
        {
            // Linear-time matching makes this all but impossible; should it happen, the rule
            // does not match rather than stall the comment.
            ranges.RemoveRange(before, ranges.Count - before);
            return false;
        }

        return ranges.Count > before;
    }

    public override string Describe() => $"Matched the pattern /{_regex}/.";
}
