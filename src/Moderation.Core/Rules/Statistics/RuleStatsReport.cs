using Moderation.Core.Decisions;

namespace Moderation.Core.Rules.Statistics;

/// <summary>The rule statistics over each window, as <see cref="RuleStatsService"/> sums them.</summary>
/// <param name="Windows">The totals of each window, shortest first.</param>
/// <param name="Rules">The rules in force in file order, then the built-in reasons, then any other rule counted in the week (since removed or renamed).</param>
public sealed record RuleStatsReport(DateTimeOffset Now, IReadOnlyList<WindowTotals> Windows, IReadOnlyList<RuleStats> Rules);

/// <summary>What a window covers, and how many new comments were stored in it.</summary>
public sealed record WindowTotals(RuleStatsWindow Window, DateTimeOffset Since, long Comments);

/// <summary>One rule's counts in each window, shortest first; <paramref name="InForce"/> false for a rule no longer in the rules (or a built-in reason).</summary>
public sealed record RuleStats(string RuleId, bool InForce, IReadOnlyList<RuleWindowStats> Windows);

/// <summary>
/// One rule's counts in one window.
/// </summary>
/// <param name="MatchesByAction">New comments it matched, by the action it had then (shadow matches included).</param>
/// <param name="MatchesByVerdict">The same matches by the verdict the comment got.</param>
/// <param name="ShadowMatches">Of those, the matches that did not act (a shadow rule, a hold skipped for a trusted author).</param>
/// <param name="Decided">New comments whose verdict it set.</param>
/// <param name="DecidedShare">Decided over the window's new comments; 0 when there were none.</param>
/// <param name="Reviewed">Comments it decided that a moderator then decided for the first time.</param>
/// <param name="Overturned">Of those, the ones the moderator reversed.</param>
public sealed record RuleWindowStats(
    RuleStatsWindow Window,
    IReadOnlyDictionary<RuleAction, long> MatchesByAction,
    IReadOnlyDictionary<Verdict, long> MatchesByVerdict,
    long ShadowMatches,
    long Decided,
    double DecidedShare,
    long Reviewed,
    long Overturned)
{
    public long Matches => MatchesByAction.Values.Sum();

    /// <summary>Overturned over reviewed; 0 when nothing was reviewed.</summary>
    public double OverturnRate => Reviewed == 0 ? 0 : (double)Overturned / Reviewed;
}
