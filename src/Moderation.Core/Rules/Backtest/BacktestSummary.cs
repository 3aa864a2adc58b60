using Moderation.Core.Comments;
using Moderation.Core.Decisions;

namespace Moderation.Core.Rules.Backtest;

/// <summary>What a candidate rules file would have changed over the comments a backtest replayed.</summary>
/// <param name="CandidateVersion">The candidate's version (the hash its decisions would name).</param>
/// <param name="Since">The start of the window asked for.</param>
/// <param name="Until">When the backtest started: comments created later are not replayed.</param>
/// <param name="Scanned">Comments replayed.</param>
/// <param name="Changed">Of those, comments whose verdict would change.</param>
/// <param name="Complete">True when every comment of the window was replayed; false when <see cref="BacktestRequest.MaxComments"/> stopped it first.</param>
/// <param name="Oldest">The creation time of the oldest comment replayed; null when none was.</param>
/// <param name="Directions">Changed verdicts by direction, most frequent first.</param>
/// <param name="Rules">Rules that would newly match or no longer match, by rule, most affected first.</param>
/// <param name="Samples">Changed comments, newest first, up to the sample size.</param>
public sealed record BacktestSummary(
    string CandidateVersion,
    DateTimeOffset Since,
    DateTimeOffset Until,
    int Scanned,
    int Changed,
    bool Complete,
    DateTimeOffset? Oldest,
    IReadOnlyList<VerdictChange> Directions,
    IReadOnlyList<RuleMatchChange> Rules,
    IReadOnlyList<BacktestSample> Samples);

/// <summary>How many verdicts would change from <paramref name="From"/> to <paramref name="To"/>.</summary>
public sealed record VerdictChange(Verdict From, Verdict To, int Count);

/// <summary>
/// One rule's matches that would change: comments it would match that it did not (newly), and
/// comments it matched that it would not (no longer). Shadow matches count as matches.
/// </summary>
public sealed record RuleMatchChange(string RuleId, int NewlyMatching, int NoLongerMatching);

/// <summary>A comment whose verdict would change: as stored (with the decision it got), and the candidate's decision.</summary>
public sealed record BacktestSample(Comment Comment, Decision After)
{
    public Verdict Before => Comment.Decision.Verdict;
}
