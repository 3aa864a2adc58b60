using System.Globalization;
using Moderation.Core.Comments;
using Moderation.Core.Errors;
using Moderation.Core.Events;
using Moderation.Core.Workflow;
using Moderation.Core.Workflow.Transitions;
using StackExchange.Redis;

namespace Moderation.Redis.Comments;

/// <summary>
/// Comments in Redis hashes (with their queue place, lease and revision), each queue in a
/// sorted set scored by enqueue time (ms), histories in lists, authors and articles in hashes,
/// all under the workflow hash tag. Every change is one script run of <see cref="CommentChangeScript"/>,
/// so a comment, its queue membership, its history and its author's counts change together.
/// </summary>
public sealed class RedisCommentStore(IConnectionMultiplexer redis, RedisKeys keys, TimeSpan? eventRetention = null, TimeSpan? decidedRetention = null, RedisDurability? durability = null)
    : ICommentRecordStore, IModerationStateStore, IDecisionEventLog
{
    private readonly IDatabase _db = redis.GetDatabase();
    private readonly RedisDurability _durability = durability ?? RedisDurability.Immediate;
    private readonly long _decidedRetentionMs = (long)(decidedRetention ?? new WorkflowOptions().DecidedRetention).TotalMilliseconds;
    private readonly long _retentionMs = (long)(eventRetention ?? new EventOptions().Retention).TotalMilliseconds;

    public Task<Comment?> GetAsync(string commentId, CancellationToken cancellationToken) =>
        RedisCalls.RunAsync(async () =>
        {
            var fields = new RedisResultPairs(await _db.HashGetAllAsync(keys.Comment(commentId)).ConfigureAwait(false));
            return fields.IsEmpty ? null : CommentHash.Read(fields);
        }, cancellationToken);

    public Task<CommentRecord?> ReadAsync(string commentId, string? reporterId, CancellationToken cancellationToken) =>
        RedisCalls.RunAsync(() => ReadRecordAsync(commentId, reporterId), cancellationToken);

    /// <summary>The hash, the reporters' count and (when asked) one reader's report, pipelined: one round trip.</summary>
    private async Task<CommentRecord?> ReadRecordAsync(string commentId, string? reporterId)
    {
        var hash = _db.HashGetAllAsync(keys.Comment(commentId));
        var reporters = _db.SetLengthAsync(keys.Reporters(commentId));
        var reportedBy = reporterId is null ? Task.FromResult(false) : _db.SetContainsAsync(keys.Reporters(commentId), reporterId);
        var fields = new RedisResultPairs(await hash.ConfigureAwait(false));
        long count = await reporters.ConfigureAwait(false);
        bool reported = await reportedBy.ConfigureAwait(false);
        return fields.IsEmpty ? null : CommentHash.ReadRecord(fields, count, reported);
    }

    public Task<bool> TryApplyAsync(CommentChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        return RedisCalls.RunAsync(() => _durability.WriteAsync(_db, () => CommentChangeScript.ApplyAsync(_db, keys, change, _decidedRetentionMs, _retentionMs)), cancellationToken);
    }

    public Task<QueuePage> ListQueueAsync(QueueQuery query, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return RedisCalls.RunAsync(() => ListAsync(query, now), cancellationToken);
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
        RedisCalls.RunAsync<IReadOnlyList<QueueMember>>(async () =>
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
        RedisCalls.RunAsync<IReadOnlyList<QueueStats>>(async () =>
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

    public Task<AuthorRecord> GetAuthorAsync(string authorId, CancellationToken cancellationToken) =>
        RedisCalls.RunAsync(async () => ReadAuthor(authorId, await _db.HashGetAllAsync(keys.Author(authorId)).ConfigureAwait(false)), cancellationToken);

    public Task<AuthorRecord> SetAuthorStatusAsync(string authorId, AuthorStatus status, DateTimeOffset? suspendedUntil, CancellationToken cancellationToken) =>
        RedisCalls.RunAsync(async () =>
        {
            var key = keys.Author(authorId);
            var until = status == AuthorStatus.Suspended && suspendedUntil is { } end ? end.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) : "";
            return await _durability.WriteAsync(_db, async () =>
            {
                var transaction = _db.CreateTransaction();
                _ = transaction.HashSetAsync(key, [new HashEntry("status", (int)status), new HashEntry("until", until)]);
                var read = transaction.HashGetAllAsync(key);
                await transaction.ExecuteAsync().ConfigureAwait(false);
                return ReadAuthor(authorId, await read.ConfigureAwait(false));
            }).ConfigureAwait(false);
        }, cancellationToken);

    public Task<IReadOnlyList<string>> GetPendingCommentIdsAsync(string authorId, CancellationToken cancellationToken) =>
        RedisCalls.RunAsync<IReadOnlyList<string>>(
            async () => (await _db.SetMembersAsync(keys.AuthorPending(authorId)).ConfigureAwait(false)).Select(v => (string)v!).ToList(),
            cancellationToken);

    public Task<ArticleSettings> GetArticleAsync(string articleId, CancellationToken cancellationToken) =>
        RedisCalls.RunAsync(async () =>
        {
            var fields = (await _db.HashGetAllAsync(keys.Article(articleId)).ConfigureAwait(false)).ToDictionary(e => (string)e.Name!, e => (string)e.Value!);
            return fields.Count == 0
                ? ArticleSettings.Open(articleId)
                : new ArticleSettings(articleId, (ArticleMode)int.Parse(fields["mode"], CultureInfo.InvariantCulture), TimeOrNull(fields["closes"]), TimeOrNull(fields["published"]));
        }, cancellationToken);

    public Task UpsertArticleAsync(ArticleSettings article, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(article);
        return RedisCalls.RunAsync(async () =>
        {
            await _durability.WriteAsync(_db, async () =>
            {
                await _db.HashSetAsync(keys.Article(article.ArticleId),
                [
                    new HashEntry("mode", (int)article.Mode),
                    new HashEntry("closes", article.ClosesAt?.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) ?? ""),
                    new HashEntry("published", article.PublishedAt?.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) ?? ""),
                ]).ConfigureAwait(false);
                return true;
            }).ConfigureAwait(false);
            return true;
        }, cancellationToken);
    }

    public Task<(IReadOnlyList<HistoryEntry> Entries, int Total)> GetHistoryAsync(string commentId, int offset, int count, CancellationToken cancellationToken) =>
        RedisCalls.RunAsync<(IReadOnlyList<HistoryEntry>, int)>(async () =>
        {
            var key = keys.History(commentId);
            var total = _db.ListLengthAsync(key);
            var page = _db.ListRangeAsync(key, offset, offset + count - 1);
            if (await total.ConfigureAwait(false) == 0)
            {
                throw new CommentNotFoundException(commentId);
            }

            return ((await page.ConfigureAwait(false)).Select(v => CommentHash.ReadHistoryEntry(v!)).ToList(), (int)await total.ConfigureAwait(false));
        }, cancellationToken);

    public Task<EventCursor> LatestAsync(CancellationToken cancellationToken) =>
        RedisCalls.RunAsync(async () =>
        {
            var newest = await _db.StreamRangeAsync(keys.Events, "-", "+", 1, Order.Descending).ConfigureAwait(false);
            if (newest.Length > 0)
            {
                return EventCursor.Parse(newest[0].Id!, "cursor");
            }

            return await MaxDeletedAsync().ConfigureAwait(false);
        }, cancellationToken);

    public Task<IReadOnlyList<DecisionEvent>> ReadAfterAsync(EventCursor after, int max, CancellationToken cancellationToken) =>
        RedisCalls.RunAsync<IReadOnlyList<DecisionEvent>>(async () =>
        {
            // Retention trims from the front; the scripts record the newest id they trimmed, so a
            // gap after the cursor shows instead of being skipped silently.
            if (after < await MaxDeletedAsync().ConfigureAwait(false))
            {
                throw new CursorExpiredException(after.ToString());
            }

            var entries = await _db.StreamRangeAsync(keys.Events, "(" + after, "+", max).ConfigureAwait(false);
            return entries.Select(entry =>
            {
                var fields = entry.Values.ToDictionary(v => (string)v.Name!, v => (string)v.Value!);
                return new DecisionEvent(
                    entry.Id!,
                    fields["comment"],
                    fields["article"],
                    (CommentState)int.Parse(fields["state"], CultureInfo.InvariantCulture),
                    long.Parse(fields["version"], CultureInfo.InvariantCulture),
                    fields["cause"],
                    DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(fields["at"], CultureInfo.InvariantCulture)));
            }).ToList();
        }, cancellationToken);

    private async Task<EventCursor> MaxDeletedAsync()
    {
        var trimmed = await _db.StringGetAsync(keys.EventsTrimmed).ConfigureAwait(false);
        return trimmed.IsNull ? EventCursor.Start : EventCursor.Parse(trimmed!, "cursor");
    }

    private static AuthorRecord ReadAuthor(string authorId, HashEntry[] entries)
    {
        var fields = entries.ToDictionary(e => (string)e.Name!, e => (string)e.Value!);
        int Count(string name) => fields.TryGetValue(name, out var value) ? int.Parse(value, CultureInfo.InvariantCulture) : 0;
        return new AuthorRecord(
            authorId,
            fields.TryGetValue("status", out var status) ? (AuthorStatus)int.Parse(status, CultureInfo.InvariantCulture) : AuthorStatus.Normal,
            fields.TryGetValue("until", out var until) ? TimeOrNull(until) : null,
            Count("approved"),
            Count("rejected"));
    }

    private static DateTimeOffset? TimeOrNull(string milliseconds) =>
        milliseconds.Length == 0 ? null : DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(milliseconds, CultureInfo.InvariantCulture));
}
