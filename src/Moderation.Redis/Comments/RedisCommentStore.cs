using System.Globalization;
using Moderation.Core.Comments;
using Moderation.Core.Errors;
using Moderation.Core.Events;
using Moderation.Core.Workflow;
using StackExchange.Redis;

namespace Moderation.Redis.Comments;

/// <summary>
/// Comments in Redis hashes, the pending queue in a sorted set scored by enqueue time (ms),
/// histories in lists, authors and articles in hashes, all under the workflow hash tag. Every
/// change is one Lua script, so a comment, its queue membership, its history and its author's
/// counts change together.
/// </summary>
public sealed class RedisCommentStore(IConnectionMultiplexer redis, RedisKeys keys, TimeSpan? eventRetention = null, TimeSpan? decidedRetention = null)
    : ICommentStore, IModerationStateStore, IDecisionEventLog
{
    private readonly IDatabase _db = redis.GetDatabase();
    private readonly long _decidedRetentionMs = (long)(decidedRetention ?? new WorkflowOptions().DecidedRetention).TotalMilliseconds;
    private readonly long _retentionMs = (long)(eventRetention ?? new EventOptions().Retention).TotalMilliseconds;

    public Task<Comment?> GetAsync(string commentId, CancellationToken cancellationToken) =>
        RedisCalls.RunAsync(async () =>
        {
            var fields = new RedisResultPairs(await _db.HashGetAllAsync(keys.Comment(commentId)).ConfigureAwait(false));
            return fields.IsEmpty ? null : CommentHash.Read(fields);
        }, cancellationToken);

    public Task<AddCommentResult> AddAsync(Comment comment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(comment);
        return RedisCalls.RunAsync(async () =>
        {
            string authorId = comment.Submission.Author.Id;
            var result = await RedisScripts.AddComment.EvaluateAsync(_db, new
            {
                commentKey = keys.Comment(comment.Id),
                pendingKey = keys.PendingQueue,
                historyKey = keys.History(comment.Id),
                authorKey = keys.Author(authorId),
                authorPendingKey = keys.AuthorPending(authorId),
                commentId = comment.Id,
                authorId,
                articleId = comment.Submission.ArticleId,
                historyEntry = CommentHash.Serialize(HistoryEntry.Submitted(comment)),
                countField = CountField(comment.State),
                reportersKey = keys.Reporters(comment.Id),
                reportedKey = keys.ReportedQueue,
                flaggedScore = comment.State == CommentState.Approved && comment.Decision.Flagged
                    ? comment.CreatedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)
                    : "",
                lifetimeState = CommentHash.StateValue(comment.State),
                approvedState = CommentHash.StateValue(CommentState.Approved),
                rejectedState = CommentHash.StateValue(CommentState.Rejected),
                decidedRetentionMs = _decidedRetentionMs,
                doc = CommentHash.Serialize(comment),
                state = CommentHash.StateValue(comment.State),
                version = comment.Version,
                updated = comment.UpdatedAt.ToUnixTimeMilliseconds(),
                queueScore = comment.State == CommentState.PendingReview
                    ? comment.CreatedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)
                    : "",
            }).ConfigureAwait(false);
            var existing = new RedisResultPairs((RedisResult[])result!);
            return existing.IsEmpty
                ? new AddCommentResult(comment, Created: true)
                : new AddCommentResult(CommentHash.Read(existing), Created: false);
        }, cancellationToken);
    }

    public Task<QueuePage> ListQueueAsync(QueueQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return RedisCalls.RunAsync(() => ListAsync(query), cancellationToken);
    }

    private async Task<QueuePage> ListAsync(QueueQuery query)
    {
        // Filters may drop entries, so read the index in batches until a page is full. The
        // range starts at the cursor's score; the page builder skips entries at or before the
        // cursor, which keeps pages stable while items leave the queue.
        var belongs = query.Queue switch
        {
            QueueKind.Pending => CommentState.PendingReview,
            QueueKind.Reported => CommentState.Approved,
            _ => CommentState.HiddenByReports,
        };
        int batchSize = Math.Max(query.PageSize + 1, 64);
        double minScore = query.After?.EnqueuedAtUnixMilliseconds ?? double.NegativeInfinity;
        var page = new QueuePageBuilder(query);
        for (long skip = 0; ; skip += batchSize)
        {
            var batch = await _db.SortedSetRangeByScoreWithScoresAsync(keys.Queue(query.Queue), minScore, double.PositiveInfinity, skip: skip, take: batchSize).ConfigureAwait(false);
            var reads = batch.Select(entry => _db.HashGetAllAsync(keys.Comment(entry.Element!))).ToArray();
            var reportCounts = batch.Select(entry => _db.SetLengthAsync(keys.Reporters(entry.Element!))).ToArray();
            var holders = batch.Select(entry => _db.HashGetAsync(keys.ClaimHolders, entry.Element)).ToArray();
            var expiries = batch.Select(entry => _db.HashGetAsync(keys.ClaimExpiries, entry.Element)).ToArray();
            for (int i = 0; i < batch.Length; i++)
            {
                var fields = new RedisResultPairs(await reads[i].ConfigureAwait(false));
                var comment = fields.IsEmpty ? null : CommentHash.Read(fields);

                // A comment decided between the range read and the hash read has left the queue.
                if (comment?.State != belongs)
                {
                    continue;
                }

                var holder = await holders[i].ConfigureAwait(false);
                var expiry = await expiries[i].ConfigureAwait(false);
                var item = new QueueItem(
                    comment,
                    query.Queue,
                    DateTimeOffset.FromUnixTimeMilliseconds((long)batch[i].Score),
                    (int)await reportCounts[i].ConfigureAwait(false),
                    holder.IsNull ? null : (string?)holder,
                    expiry.IsNull ? null : DateTimeOffset.FromUnixTimeMilliseconds((long)expiry));
                if (!page.Offer(item))
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

    public Task<IReadOnlyList<QueueItem>> ClaimAsync(QueueKind queue, string moderatorId, int max, DateTimeOffset now, DateTimeOffset leaseUntil, string? articleId, CancellationToken cancellationToken) =>
        RedisCalls.RunAsync<IReadOnlyList<QueueItem>>(async () =>
        {
            // Candidates in queue order (ids and articles only), filtered by article here; the
            // script then leases atomically, so two moderators racing never receive the same item.
            var members = (await GetQueueMembersAsync(queue, default).ConfigureAwait(false))
                .Where(m => articleId is null || m.ArticleId == articleId)
                .ToList();
            var values = new List<RedisValue>
            {
                moderatorId,
                now.ToUnixTimeMilliseconds(),
                leaseUntil.ToUnixTimeMilliseconds(),
                max,
            };
            values.AddRange(members.Select(m => (RedisValue)m.CommentId));
            var leased = (RedisResult[])(await RedisScripts.ClaimComments.EvaluateAsync(_db, [keys.Queue(queue), keys.ClaimHolders, keys.ClaimExpiries], [.. values]).ConfigureAwait(false))!;
            var ids = leased.Select(r => (string)r!).ToHashSet(StringComparer.Ordinal);

            // Only the leased comments are read in full.
            var claimed = members.Where(m => ids.Contains(m.CommentId)).ToList();
            var reads = claimed.Select(m => _db.HashGetAllAsync(keys.Comment(m.CommentId))).ToArray();
            var counts = claimed.Select(m => _db.SetLengthAsync(keys.Reporters(m.CommentId))).ToArray();
            var items = new List<QueueItem>(claimed.Count);
            for (int i = 0; i < claimed.Count; i++)
            {
                var fields = new RedisResultPairs(await reads[i].ConfigureAwait(false));
                if (!fields.IsEmpty)
                {
                    items.Add(new QueueItem(CommentHash.Read(fields), queue, claimed[i].EnqueuedAt, (int)await counts[i].ConfigureAwait(false), moderatorId, leaseUntil));
                }
            }

            return items;
        }, cancellationToken);

    public Task<IReadOnlyList<string>> ReleaseAsync(string moderatorId, IReadOnlyList<string> commentIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commentIds);
        return RedisCalls.RunAsync<IReadOnlyList<string>>(async () =>
        {
            RedisValue[] values = [moderatorId, .. commentIds.Select(id => (RedisValue)id)];
            var released = (RedisResult[])(await RedisScripts.ReleaseComments.EvaluateAsync(_db, [keys.ClaimHolders, keys.ClaimExpiries], values).ConfigureAwait(false))!;
            return released.Select(r => (string)r!).ToList();
        }, cancellationToken);
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

    public async Task<ReportResult> ReportAsync(string commentId, string reporterId, ReasonCode reason, string note, int reportedThreshold, int hideThreshold, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // The entries name the version read first; the script refuses if the comment changed
        // in between, and the report is tried again on the fresh version.
        for (int attempt = 1; ; attempt++)
        {
            var current = await GetAsync(commentId, cancellationToken).ConfigureAwait(false) ?? throw new CommentNotFoundException(commentId);
            string authorId = current.Submission.Author.Id;
            var result = await RedisCalls.RunAsync(async () => (RedisResult[])(await RedisScripts.ReportComment.EvaluateAsync(_db, new
            {
                commentKey = keys.Comment(commentId),
                reportersKey = keys.Reporters(commentId),
                historyKey = keys.History(commentId),
                reportedKey = keys.ReportedQueue,
                hiddenKey = keys.HiddenQueue,
                claimHoldersKey = keys.ClaimHolders,
                claimExpiriesKey = keys.ClaimExpiries,
                authorKey = keys.Author(authorId),
                eventsKey = keys.Events,
                trimmedKey = keys.EventsTrimmed,
                commentId,
                reporter = reporterId,
                expectedVersion = current.Version.ToString(CultureInfo.InvariantCulture),
                reportedEntry = CommentHash.Serialize(HistoryEntry.Reported(current, reporterId, reason, note, now)),
                hiddenEntry = CommentHash.Serialize(HistoryEntry.Hidden(current, now)),
                reportedThreshold,
                hideThreshold,
                approvedState = CommentHash.StateValue(CommentState.Approved),
                newState = CommentHash.StateValue(CommentState.HiddenByReports),
                articleId = current.Submission.ArticleId,
                cause = "reports",
                eventMs = now.ToUnixTimeMilliseconds(),
                minId = MinEventId(now),
            }).ConfigureAwait(false))!, cancellationToken).ConfigureAwait(false);
            switch ((int)result[0])
            {
                case -1:
                    throw new CommentNotFoundException(commentId);
                case -2 when attempt < 5:
                    continue;
                case -2:
                    throw new StorageUnavailableException($"Comment '{commentId}' kept changing while the report was recorded; retry.");
                default:
                    return new ReportResult((int)result[1], (CommentState)int.Parse((string)result[2]!, CultureInfo.InvariantCulture), Duplicate: (int)result[0] == 0);
            }
        }
    }

    public Task<Comment> EditAsync(string commentId, long expectedVersion, Comment edited, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(edited);
        string authorId = edited.Submission.Author.Id;
        return RedisCalls.RunAsync(async () =>
        {
            var result = (RedisResult[])(await RedisScripts.EditComment.EvaluateAsync(_db, new
            {
                commentKey = keys.Comment(commentId),
                pendingKey = keys.PendingQueue,
                historyKey = keys.History(commentId),
                authorKey = keys.Author(authorId),
                authorPendingKey = keys.AuthorPending(authorId),
                commentId,
                expectedVersion = expectedVersion.ToString(CultureInfo.InvariantCulture),
                doc = CommentHash.Serialize(edited),
                newState = CommentHash.StateValue(edited.State),
                newVersion = edited.Version,
                updated = edited.UpdatedAt.ToUnixTimeMilliseconds(),
                historyEntry = CommentHash.Serialize(HistoryEntry.Edited(edited)),
                reportersKey = keys.Reporters(commentId),
                lifetimeState = CommentHash.StateValue(edited.State),
                decidedRetentionMs = _decidedRetentionMs,
                claimHoldersKey = keys.ClaimHolders,
                claimExpiriesKey = keys.ClaimExpiries,
                eventsKey = keys.Events,
                trimmedKey = keys.EventsTrimmed,
                articleId = edited.Submission.ArticleId,
                cause = "edit",
                eventMs = edited.UpdatedAt.ToUnixTimeMilliseconds(),
                minId = MinEventId(edited.UpdatedAt),
                queueScore = edited.CreatedAt.ToUnixTimeMilliseconds(),
                pendingState = CommentHash.StateValue(CommentState.PendingReview),
                approvedState = CommentHash.StateValue(CommentState.Approved),
                rejectedState = CommentHash.StateValue(CommentState.Rejected),
            }).ConfigureAwait(false))!;
            return (int)result[0] switch
            {
                -1 => throw new CommentNotFoundException(commentId),
                -2 => throw new VersionMismatchException(commentId, expectedVersion, (long)result[1]),
                _ => edited,
            };
        }, cancellationToken);
    }

    public Task<DecideCommentResult> DecideAsync(string commentId, long expectedVersion, ModeratorDecision decision, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decision);
        return RedisCalls.RunAsync(async () =>
        {
            // The author's keys must be named to the script up front; a comment's author never changes.
            var owner = await _db.HashGetAsync(keys.Comment(commentId), [CommentHash.Author, "article", CommentHash.Version]).ConfigureAwait(false);
            var (author, article, version) = (owner[0], owner[1], owner[2]);
            if (author.IsNull)
            {
                throw new CommentNotFoundException(commentId);
            }

            var newState = Comment.StateFor(decision.Verdict);
            var result = (RedisResult[])(await RedisScripts.DecideComment.EvaluateAsync(_db, new
            {
                commentKey = keys.Comment(commentId),
                pendingKey = keys.PendingQueue,
                historyKey = keys.History(commentId),
                authorKey = keys.Author(author!),
                authorPendingKey = keys.AuthorPending(author!),
                commentId,
                newState = CommentHash.StateValue(newState),
                pendingState = CommentHash.StateValue(CommentState.PendingReview),
                approvedState = CommentHash.StateValue(CommentState.Approved),
                rejectedState = CommentHash.StateValue(CommentState.Rejected),
                countField = CountField(newState),
                historyEntry = CommentHash.Serialize(HistoryEntry.Decided(expectedVersion + 1, decision)),
                reportersKey = keys.Reporters(commentId),
                lifetimeState = CommentHash.StateValue(newState),
                decidedRetentionMs = _decidedRetentionMs,
                eventsKey = keys.Events,
                trimmedKey = keys.EventsTrimmed,
                reportedKey = keys.ReportedQueue,
                hiddenKey = keys.HiddenQueue,
                claimHoldersKey = keys.ClaimHolders,
                claimExpiriesKey = keys.ClaimExpiries,
                dismissEntry = CommentHash.Serialize(new HistoryEntry(
                    version.IsNull ? expectedVersion : (long)version, decision.DecidedAt, decision.ModeratorId, "reports-dismissed", CommentState.Approved, decision.ReasonCode, decision.Note)),
                articleId = (string?)article ?? "",
                cause = "moderator",
                eventMs = decision.DecidedAt.ToUnixTimeMilliseconds(),
                minId = MinEventId(decision.DecidedAt),
                expectedVersion = expectedVersion.ToString(CultureInfo.InvariantCulture),
                updated = decision.DecidedAt.ToUnixTimeMilliseconds(),
                moderatorDecision = CommentHash.Serialize(decision),
            }).ConfigureAwait(false))!;
            return (int)result[0] switch
            {
                -1 => throw new CommentNotFoundException(commentId),
                -2 => throw new VersionMismatchException(commentId, expectedVersion, (long)result[1]),
                int outcome => new DecideCommentResult(CommentHash.Read(new RedisResultPairs((RedisResult[])result[1]!)), Unchanged: outcome == 0),
            };
        }, cancellationToken);
    }

    public Task<AuthorRecord> GetAuthorAsync(string authorId, CancellationToken cancellationToken) =>
        RedisCalls.RunAsync(async () => ReadAuthor(authorId, await _db.HashGetAllAsync(keys.Author(authorId)).ConfigureAwait(false)), cancellationToken);

    public Task<AuthorRecord> SetAuthorStatusAsync(string authorId, AuthorStatus status, DateTimeOffset? suspendedUntil, CancellationToken cancellationToken) =>
        RedisCalls.RunAsync(async () =>
        {
            var key = keys.Author(authorId);
            var until = status == AuthorStatus.Suspended && suspendedUntil is { } end ? end.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) : "";
            var transaction = _db.CreateTransaction();
            _ = transaction.HashSetAsync(key, [new HashEntry("status", (int)status), new HashEntry("until", until)]);
            var read = transaction.HashGetAllAsync(key);
            await transaction.ExecuteAsync().ConfigureAwait(false);
            return ReadAuthor(authorId, await read.ConfigureAwait(false));
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
            await _db.HashSetAsync(keys.Article(article.ArticleId),
            [
                new HashEntry("mode", (int)article.Mode),
                new HashEntry("closes", article.ClosesAt?.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) ?? ""),
                new HashEntry("published", article.PublishedAt?.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) ?? ""),
            ]).ConfigureAwait(false);
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

    private string MinEventId(DateTimeOffset now) =>
        Math.Max(0, now.ToUnixTimeMilliseconds() - _retentionMs).ToString(CultureInfo.InvariantCulture);

    /// <summary>The author count a comment in <paramref name="state"/> adds to, or "" for none.</summary>
    private static string CountField(CommentState state) => state switch
    {
        CommentState.Approved => "approved",
        CommentState.Rejected => "rejected",
        _ => "",
    };

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
