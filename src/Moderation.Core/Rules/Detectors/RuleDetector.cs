namespace Moderation.Core.Rules.Detectors;

/// <summary>
/// A rule kind other than term lists, compiled when the rules load: finds where a comment
/// shows what the rule looks for.
/// </summary>
public abstract class RuleDetector
{
    /// <summary>
    /// Adds the ranges (UTF-16 positions) that match; returns whether the rule matched. A rule
    /// that judges the comment as a whole (a share of capitals) matches with no ranges.
    /// </summary>
    public abstract bool Detect(string text, EvaluationContext context, List<(int Start, int End)> ranges);

    /// <summary>What the rule looks for, for its moderator message when none is written.</summary>
    public abstract string Describe();
}
