using Moderation.Core.Decisions;

namespace Moderation.Core.Rules;

/// <summary>
/// An immutable, loaded rule set. Evaluation is pure: the same text always gets the same
/// decision from the same version, so decisions can name the version that made them.
/// </summary>
public sealed class RuleSet
{
    private readonly TermMatcher _matcher;

    public RuleSet(IReadOnlyList<RuleDefinition> rules, string version, string source, DateTimeOffset loadedAt)
    {
        Rules = rules;
        Version = version;
        Source = source;
        LoadedAt = loadedAt;
        _matcher = new TermMatcher(rules);
    }

    public IReadOnlyList<RuleDefinition> Rules { get; }

    /// <summary>A short hash of the rules file's content.</summary>
    public string Version { get; }

    /// <summary>Where the rules came from (a file path, or "inline").</summary>
    public string Source { get; }

    public DateTimeOffset LoadedAt { get; }

    public Decision Evaluate(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var matches = _matcher.FindAll(text);
        if (matches.Count == 0)
        {
            return new Decision(Verdict.Approved, [], text, Flagged: false, Score: 0, Version);
        }

        var reasons = new List<DecisionReason>();
        var censored = new List<(int Start, int End)>();
        var mostSevere = RuleAction.Approve;
        double score = 0;
        foreach (var ruleMatches in matches.GroupBy(m => m.RuleIndex).OrderBy(g => g.Key))
        {
            var rule = Rules[ruleMatches.Key];
            var spans = ruleMatches
                .Select(m => new TextSpan(CodePoints.OffsetOf(text, m.Start), CodePoints.OffsetOf(text, m.End)))
                .Distinct()
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
                censored.AddRange(ruleMatches.Select(m => (m.Start, m.End)));
            }
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
}
