using System.Globalization;
using Moderation.Core.Comments;
using Moderation.Core.Errors;
using Moderation.Core.Events;
using Moderation.Core.RateLimiting;
using Moderation.Core.Workflow;
using Moderation.Core.Workflow.Transitions;
using Moderation.Redis.Telemetry;
using StackExchange.Redis;

namespace Moderation.Redis.Comments;

/// <summary>
/// Comments in Redis hashes (with their queue place, lease and revision) and each queue in a
/// sorted set scored by enqueue time (ms), under the workflow hash tag. Every change is one
/// script run of <see cref="CommentChangeScript"/>, so a comment, its queue membership, its
/// history, its author's counts and its decision event change together.
/// </summary>
/// <param name="limitsClock">The clock limits are judged by; null for Redis's own (see RateLimits:UseCallerClock).</param>
/// <param name="metrics">Where each call is measured; null for none.</param>
public sealed class RedisCommentStore(IConnectionMultiplexer redis, RedisKeys keys, TimeSpan? eventRetention = null, TimeSpan? decidedRetention = null, RedisDurability? durability = null, TimeProvider? limitsClock = null, RedisCallMetrics? metrics = null)
    : IChargingCommentRecordStore
{
    private readonly IDatabase _db = redis.GetDatabase();
    private readonly RedisDurability _durability = durability ?? RedisDurability.Immediate;
    private readonly long _decidedRetentionMs = (long)(decidedRetention ?? new WorkflowOptions().DecidedRetention).TotalMilliseconds;
    private readonly long _retentionMs = (long)(eventRetention ?? new EventOptions().Retention).TotalMilliseconds;

    public Task<Comment?> GetAsync(string commentId, CancellationToken cancellationToken) =>
        RedisCalls.RunAsync(RedisOperation.CommentGet, metrics, async () =>
        {
            var hash = _db.HashGetAllAsync(keys.Comment(commentId));
            var document = _db.StringGetAsync(keys.Document(commentId));
            var fields = new RedisResultPairs(await hash.ConfigureAwait(false)).WithDocument(await document.ConfigureAwait(false));
            return fields.IsEmpty ? null : CommentHash.Read(fields);
        }, cancellationToken);

    public Task<CommentRecord?> ReadAsync(string commentId, string? reporterId, CancellationToken cancellationToken) =>
        RedisCalls.RunAsync(RedisOperation.CommentRead, metrics, () => ReadRecordAsync(commentId, reporterId), cancellationToken);

    /// <summary>The hash, the document, the reporters' count and (when asked) one reader's report, pipelined: one round trip.</summary>
    private async Task<CommentRecord?> ReadRecordAsync(string commentId, string? reporterId)
    {
        var hash = _db.HashGetAllAsync(keys.Comment(commentId));
        var document = _db.StringGetAsync(keys.Document(commentId));
        var reporters = _db.SetLengthAsync(keys.Reporters(commentId));
        var reportedBy = reporterId is null ? Task.FromResult(false) : _db.SetContainsAsync(keys.Reporters(commentId), reporterId);
        var fields = new RedisResultPairs(await hash.ConfigureAwait(false)).WithDocument(await document.ConfigureAwait(false));
        long count = await reporters.ConfigureAwait(false);
        bool reported = await reportedBy.ConfigureAwait(false);
        return fields.IsEmpty ? null : CommentHash.ReadRecord(fields, count, reported);
    }

    public Task<bool> TryApplyAsync(CommentChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        return RedisCalls.RunAsync(RedisOperation.CommentApply, metrics, () => _durability.WriteAsync(_db, () => CommentChangeScript.ApplyAsync(_db, keys, change, _decidedRetentionMs, _retentionMs)), cancellationToken);
    }

    public Task<(bool Applied, RateLimitOutcome? Limits)> TryAddChargedAsync(CommentChange change, IReadOnlyList<RateLimitRequest> limits, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(limits);
        return RedisCalls.RunAsync(
            RedisOperation.CommentAddCharged,
            metrics,
            () => _durability.WriteAsync(_db, () => ChargedAddScript.RunAsync(_db, keys, change, limits, limitsClock, _decidedRetentionMs, _retentionMs)),
            cancellationToken);
    }

    public Task<QueuePage> ListQueueAsync(QueueQuery query, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return RedisCalls.RunAsync(RedisOperation.QueueList, metrics, () => ListAsync(query, now), cancellationToken);
    }

    private async Task<QueuePage> ListAsync(QueueQuery query, DateTimeOffset now)
    {
        // Filters may drop entries, so read the index in batches until a page is full. The
        // range starts at the cursor's score; the page builder skips entries at or before the
        // cursor, which keeps pages stable while items leave the queue.
        int batchSize = Math.Max(query.PageSize + 1, 64);
        double minScore = query.After?.EnqueuedAtUnixMilliseconds ?? double.NegativeInfinity;
        var page = new QueuePageBuilder(query);
        for (long skip = 0; ; skip += batchSize)
        {
            var batch = await _db.SortedSetRangeByScoreAsync(keys.Queue(query.Queue), minScore, double.PositiveInfinity, skip: skip, take: batchSize).ConfigureAwait(false);
            var reads = batch.Select(id => ReadRecordAsync(id!, null)).ToArray();
            foreach (var read in reads)
            {
                // Every change moves a comment and its queue entry together; only a comment
                // that expired can leave an entry behind, and it is no longer anyone's work.
                if (await read.ConfigureAwait(false) is not { } record || record.Place?.Queue != query.Queue)
                {
                    continue;
                }

                if (!page.Offer(record.ToQueueItem(now)))
                {
                    return page.Build();
                }
            }

            if (batch.Length < batchSize)
            {
                return page.Build();
            }
        }
    }

    public Task<IReadOnlyList<QueueMember>> GetQueueMembersAsync(QueueKind queue, CancellationToken cancellationToken) =>
        RedisCalls.RunAsync<IReadOnlyList<QueueMember>>(RedisOperation.QueueMembers, metrics, async () =>
        {
            var entries = await _db.SortedSetRangeByRankWithScoresAsync(keys.Queue(queue)).ConfigureAwait(false);
            var articles = entries.Select(e => _db.HashGetAsync(keys.Comment(e.Element!), "article")).ToArray();
            var members = new List<QueueMember>(entries.Length);
            for (int i = 0; i < entries.Length; i++)
            {
                members.Add(new QueueMember(entries[i].Element!, (string?)await articles[i].ConfigureAwait(false) ?? "", DateTimeOffset.FromUnixTimeMilliseconds((long)entries[i].Score)));
            }

            return members;
        }, cancellationToken);

    public Task<IReadOnlyList<QueueStats>> GetQueueStatsAsync(string? articleId, CancellationToken cancellationToken) =>
        RedisCalls.RunAsync<IReadOnlyList<QueueStats>>(RedisOperation.QueueStats, metrics, async () =>
        {
            var stats = new List<QueueStats>();
            foreach (var queue in Enum.GetValues<QueueKind>())
            {
                if (articleId is null)
                {
                    var depth = _db.SortedSetLengthAsync(keys.Queue(queue));
                    var oldest = _db.SortedSetRangeByRankWithScoresAsync(keys.Queue(queue), 0, 0);
                    var first = await oldest.ConfigureAwait(false);
                    stats.Add(new QueueStats(queue, (int)await depth.ConfigureAwait(false), first.Length == 0 ? null : DateTimeOffset.FromUnixTimeMilliseconds((long)first[0].Score)));
                    continue;
                }

                // Per article: the queues are small enough (hundreds) to read whole, one pipelined
                // article lookup per entry, rather than keeping an index per article.
                var entries = await _db.SortedSetRangeByRankWithScoresAsync(keys.Queue(queue)).ConfigureAwait(false);
                var articles = entries.Select(e => _db.HashGetAsync(keys.Comment(e.Element!), "article")).ToArray();
                var matching = new List<double>();
                for (int i = 0; i < entries.Length; i++)
                {
                    if ((string?)await articles[i].ConfigureAwait(false) == articleId)
                    {
                        matching.Add(entries[i].Score);
                    }
                }

                stats.Add(new QueueStats(queue, matching.Count, matching.Count == 0 ? null : DateTimeOffset.FromUnixTimeMilliseconds((long)matching.Min())));
            }

            return stats;
        }, cancellationToken);
}
