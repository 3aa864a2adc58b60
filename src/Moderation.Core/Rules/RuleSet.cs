using Moderation.Core.Decisions;
using Moderation.Core.Rules.Detectors;

namespace Moderation.Core.Rules;

/// <summary>
/// An immutable, loaded rule set. Evaluation is pure: the same text always gets the same
/// decision from the same version, so decisions can name the version that made them.
/// </summary>
public sealed class RuleSet
{
    private readonly TermMatcher _matcher;

    public RuleSet(IReadOnlyList<RuleDefinition> rules, string version, string source, DateTimeOffset loadedAt, ScoreThresholds? thresholds = null)
    {
        ArgumentNullException.ThrowIfNull(rules);
        Rules = rules;
        Version = version;
        Source = source;
        LoadedAt = loadedAt;
        Thresholds = thresholds ?? ScoreThresholds.None;
        _matcher = new TermMatcher(rules);
    }

    public ScoreThresholds Thresholds { get; }

    public IReadOnlyList<RuleDefinition> Rules { get; }

    /// <summary>A short hash of the rules file's content.</summary>
    public string Version { get; }

    /// <summary>Where the rules came from (a file path, or "inline").</summary>
    public string Source { get; }

    public DateTimeOffset LoadedAt { get; }

    /// <summary>The decision on a text with nothing known about its author or article.</summary>
    public Decision Evaluate(string text) => Evaluate(text, new EvaluationContext(LoadedAt));

    public Decision Evaluate(string text, EvaluationContext context)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(context);
        var rangesByRule = new Dictionary<int, List<(int Start, int End)>>();
        foreach (var match in _matcher.FindAll(text))
        {
            RangesOf(rangesByRule, match.RuleIndex).Add((match.Start, match.End));
        }

        for (int i = 0; i < Rules.Count; i++)
        {
            if (Rules[i].Detector is { } detector)
            {
                var ranges = new List<(int Start, int End)>();
                if (detector.Detect(text, ranges))
                {
                    RangesOf(rangesByRule, i).AddRange(ranges);
                }
            }
        }

        var reasons = new List<DecisionReason>();
        var censored = new List<(int Start, int End)>();
        var mostSevere = RuleAction.Approve;
        double score = 0;
        foreach (var (ruleIndex, ranges) in rangesByRule.OrderBy(r => r.Key))
        {
            var rule = Rules[ruleIndex];
            if (!rule.When.HoldFor(context))
            {
                continue;
            }

            var spans = ranges
                .Select(r => new TextSpan(CodePoints.OffsetOf(text, r.Start), CodePoints.OffsetOf(text, r.End)))
                .Distinct()
                .OrderBy(span => span.Start)
                .ToList();
            reasons.Add(new DecisionReason(rule.Id, rule.Category, rule.Action, rule.AuthorMessage, rule.ModeratorMessage, spans, rule.Shadow, rule.Weight));
            if (rule.Shadow)
            {
                continue;
            }

            score += rule.Weight;
            if (rule.Action > mostSevere)
            {
                mostSevere = rule.Action;
            }

            if (rule.Action == RuleAction.Censor)
            {
                censored.AddRange(ranges);
            }
        }

        if (ThresholdReached(score) is { } threshold && threshold.Action > mostSevere)
        {
            mostSevere = threshold.Action;
            reasons.Add(threshold);
        }

        var verdict = mostSevere switch
        {
            RuleAction.Reject => Verdict.Rejected,
            RuleAction.Hold => Verdict.PendingReview,
            _ => Verdict.Approved,
        };
        bool flagged = reasons.Any(r => !r.Shadow && r.Action == RuleAction.Flag);
        return new Decision(verdict, reasons, CodePoints.Mask(text, censored), flagged, score, Version);
    }

    /// <summary>The reason a score threshold adds, so the explanation names it like any rule.</summary>
    private DecisionReason? ThresholdReached(double score)
    {
        var (action, threshold) = Thresholds switch
        {
            { Reject: { } reject } when score >= reject => (RuleAction.Reject, reject),
            { Hold: { } hold } when score >= hold => (RuleAction.Hold, hold),
            _ => (RuleAction.Approve, 0d),
        };
        return action == RuleAction.Approve
            ? null
            : new DecisionReason(
                "score-threshold",
                "score",
                action,
                "Your comment will appear once a moderator has reviewed it.",
                $"The weights of the matched rules add up to {score:0.##}, at or above the {action.ToString().ToLowerInvariant()} threshold {threshold:0.##}.",
                [],
                Shadow: false,
                Weight: 0);
    }

    private static List<(int Start, int End)> RangesOf(Dictionary<int, List<(int Start, int End)>> byRule, int ruleIndex)
    {
        if (!byRule.TryGetValue(ruleIndex, out var ranges))
        {
            byRule[ruleIndex] = ranges = [];
        }

        return ranges;
    }
}
