using Moderation.Core.Decisions;

namespace Moderation.Core.Rules.Statistics;

/// <summary>
/// Sums the hour buckets of the rule counters into the hour, day and week windows. The counters
/// are shared by every instance (in Redis), so any instance answers for all of them.
/// </summary>
public sealed class RuleStatsService(IRuleStatsStore store, IRuleSetProvider rules, TimeProvider timeProvider)
{
    public async Task<RuleStatsReport> GetAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        long current = RuleCounters.HourOf(now);
        var windows = RuleStatsWindow.All;
        var buckets = await store.ReadAsync(windows[^1].FirstHour(current), current, cancellationToken).ConfigureAwait(false);

        // Per window: each rule's counters, and the comment totals.
        var sums = windows.Select(_ => new Dictionary<string, Dictionary<string, long>>(StringComparer.Ordinal)).ToArray();
        var comments = new long[windows.Count];
        foreach (var (hour, counters) in buckets)
        {
            for (int w = 0; w < windows.Count; w++)
            {
                if (hour < windows[w].FirstHour(current) || hour > current)
                {
                    continue;
                }

                foreach (var (field, count) in counters)
                {
                    if (field == RuleCounters.Comments)
                    {
                        comments[w] += count;
                    }
                    else if (RuleCounters.TryParse(field, out string ruleId, out string counter))
                    {
                        if (!sums[w].TryGetValue(ruleId, out var rule))
                        {
                            sums[w][ruleId] = rule = new Dictionary<string, long>(StringComparer.Ordinal);
                        }

                        rule[counter] = rule.GetValueOrDefault(counter) + count;
                    }
                }
            }
        }

        var ruleSet = rules.Current;
        var inForce = ruleSet.Rules.Select(r => r.Id).Concat(ruleSet.BuiltInReasons.All.Select(r => r.Id)).ToList();
        var others = sums[^1].Keys.Except(inForce, StringComparer.Ordinal).Order(StringComparer.Ordinal);
        var report = inForce.Select(id => (Id: id, InForce: true)).Concat(others.Select(id => (Id: id, InForce: false)))
            .Select(rule => new RuleStats(rule.Id, rule.InForce, windows.Select((window, w) => Summarize(window, sums[w].GetValueOrDefault(rule.Id), comments[w])).ToList()))
            .ToList();
        var totals = windows.Select((window, w) => new WindowTotals(window, RuleCounters.StartOf(window.FirstHour(current)), comments[w])).ToList();
        return new RuleStatsReport(now, totals, report);
    }

    private static RuleWindowStats Summarize(RuleStatsWindow window, Dictionary<string, long>? counters, long comments)
    {
        var byAction = new Dictionary<RuleAction, long>();
        var byVerdict = new Dictionary<Verdict, long>();
        if (counters is null)
        {
            return new RuleWindowStats(window, byAction, byVerdict, 0, 0, 0, 0, 0);
        }

        foreach (var (counter, count) in counters)
        {
            if (RuleCounters.ActionOf(counter) is { } action)
            {
                byAction[action] = count;
            }
            else if (RuleCounters.VerdictOf(counter) is { } verdict)
            {
                byVerdict[verdict] = count;
            }
        }

        long decided = counters.GetValueOrDefault(RuleCounters.Decided);
        return new RuleWindowStats(
            window,
            byAction,
            byVerdict,
            counters.GetValueOrDefault(RuleCounters.Shadow),
            decided,
            comments == 0 ? 0 : (double)decided / comments,
            counters.GetValueOrDefault(RuleCounters.Reviewed),
            counters.GetValueOrDefault(RuleCounters.Overturned));
    }
}
