using Google.Protobuf.WellKnownTypes;
using Moderation.Core.Rules.Backtest;
using Moderation.Core.Rules.Statistics;
using Proto = Moderation.Api.V1;

namespace Moderation.Server.Mapping;

/// <summary>Rule statistics and backtest results to replies.</summary>
internal static class RuleStatsToApi
{
    public static Proto.GetRuleStatsResponse ToApi(this RuleStatsReport report) => new()
    {
        ComputedAt = Timestamp.FromDateTimeOffset(report.Now),
        Windows =
        {
            report.Windows.Select(w => new Proto.StatsWindowTotals { Window = w.Window.ToApi(), Since = Timestamp.FromDateTimeOffset(w.Since), Comments = (ulong)w.Comments }),
        },
        Rules = { report.Rules.Select(ToApi) },
    };

    private static Proto.RuleStats ToApi(RuleStats rule) => new()
    {
        RuleId = rule.RuleId,
        InForce = rule.InForce,
        Windows =
        {
            rule.Windows.Select(w => new Proto.RuleWindowStats
            {
                Window = w.Window.ToApi(),
                Matches = (ulong)w.Matches,
                MatchesByAction = { w.MatchesByAction.OrderBy(m => m.Key).Select(m => new Proto.ActionCount { Action = m.Key.ToApi(), Count = (ulong)m.Value }) },
                MatchesByVerdict = { w.MatchesByVerdict.OrderBy(m => m.Key).Select(m => new Proto.VerdictCount { Verdict = m.Key.ToApi(), Count = (ulong)m.Value }) },
                ShadowMatches = (ulong)w.ShadowMatches,
                Decided = (ulong)w.Decided,
                DecidedShare = w.DecidedShare,
                Reviewed = (ulong)w.Reviewed,
                Overturned = (ulong)w.Overturned,
                OverturnRate = w.OverturnRate,
            }),
        },
    };

    private static Proto.StatsWindow ToApi(this RuleStatsWindow window) =>
        window == RuleStatsWindow.Hour ? Proto.StatsWindow.Hour
        : window == RuleStatsWindow.Day ? Proto.StatsWindow.Day
        : window == RuleStatsWindow.Week ? Proto.StatsWindow.Week
        : Proto.StatsWindow.Unspecified;

    public static Proto.BacktestProgress ToApi(this BacktestProgress progress) => new()
    {
        Scanned = (uint)progress.Scanned,
        Changed = (uint)progress.Changed,
    };

    public static Proto.BacktestSummary ToApi(this BacktestSummary summary)
    {
        var reply = new Proto.BacktestSummary
        {
            CandidateVersion = summary.CandidateVersion,
            Since = Timestamp.FromDateTimeOffset(summary.Since),
            Until = Timestamp.FromDateTimeOffset(summary.Until),
            Scanned = (uint)summary.Scanned,
            Changed = (uint)summary.Changed,
            Complete = summary.Complete,
            Directions = { summary.Directions.Select(d => new Proto.VerdictChangeCount { FromVerdict = d.From.ToApi(), ToVerdict = d.To.ToApi(), Count = (uint)d.Count }) },
            Rules = { summary.Rules.Select(r => new Proto.RuleMatchChange { RuleId = r.RuleId, NewlyMatching = (uint)r.NewlyMatching, NoLongerMatching = (uint)r.NoLongerMatching }) },
            Samples =
            {
                summary.Samples.Select(s => new Proto.BacktestSample
                {
                    CommentId = s.Comment.Id,
                    ArticleId = s.Comment.Submission.ArticleId,
                    CreatedAt = Timestamp.FromDateTimeOffset(s.Comment.CreatedAt),
                    VerdictBefore = s.Before.ToApi(),
                    RulesVersionBefore = s.Comment.Decision.RulesVersion,
                    VerdictAfter = s.After.Verdict.ToApi(),
                    ReasonsAfter = { s.After.Reasons.Select(r => r.ToApi()) },
                }),
            },
        };
        if (summary.Oldest is { } oldest)
        {
            reply.OldestScanned = Timestamp.FromDateTimeOffset(oldest);
        }

        return reply;
    }
}
