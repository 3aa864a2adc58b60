namespace Moderation.Core.Rules.Statistics;

/// <summary>
/// Where the rule counters are kept. They are written by the comment changes that carry them
/// (<see cref="Workflow.Transitions.CommentChange.Counters"/>), in the same atomic step; this only reads.
/// </summary>
public interface IRuleStatsStore
{
    /// <summary>
    /// The counters of every hour bucket from <paramref name="firstHour"/> to <paramref name="lastHour"/>
    /// (both included) that holds any; a bucket is kept <see cref="RuleCounters.BucketLifetime"/>
    /// after its last write.
    /// </summary>
    Task<IReadOnlyDictionary<long, IReadOnlyDictionary<string, long>>> ReadAsync(long firstHour, long lastHour, CancellationToken cancellationToken);
}
