using System.Globalization;
using Moderation.Core.Comments;
using Moderation.Core.Errors;
using Moderation.Core.Workflow;
using StackExchange.Redis;

namespace Moderation.Redis.Comments;

/// <summary>
/// Comments in Redis hashes, the pending queue in a sorted set scored by enqueue time (ms).
/// Every change is one Lua script, so a comment and its queue membership change together.
/// </summary>
public sealed class RedisCommentStore(IConnectionMultiplexer redis, RedisKeys keys) : ICommentStore
{
    private readonly IDatabase _db = redis.GetDatabase();

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
            var result = await RedisScripts.AddComment.EvaluateAsync(_db, new
            {
                commentKey = keys.Comment(comment.Id),
                pendingKey = keys.PendingQueue,
                commentId = comment.Id,
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
        if (query.Queue != QueueKind.Pending)
        {
            // Only the pending queue is filled so far: nothing reaches the others yet.
            return Task.FromResult(new QueuePage([], null));
        }

        return RedisCalls.RunAsync(() => ListPendingAsync(query), cancellationToken);
    }

    private async Task<QueuePage> ListPendingAsync(QueueQuery query)
    {
        // Filters may drop entries, so read the index in batches until a page is full. The
        // range starts at the cursor's score; the page builder skips entries at or before the
        // cursor, which keeps pages stable while items leave the queue.
        int batchSize = Math.Max(query.PageSize + 1, 64);
        double minScore = query.After?.EnqueuedAtUnixMilliseconds ?? double.NegativeInfinity;
        var page = new QueuePageBuilder(query);
        for (long skip = 0; ; skip += batchSize)
        {
            var batch = await _db.SortedSetRangeByScoreWithScoresAsync(keys.PendingQueue, minScore, double.PositiveInfinity, skip: skip, take: batchSize).ConfigureAwait(false);
            var reads = batch.Select(entry => _db.HashGetAllAsync(keys.Comment(entry.Element!))).ToArray();
            for (int i = 0; i < batch.Length; i++)
            {
                var fields = new RedisResultPairs(await reads[i].ConfigureAwait(false));
                var comment = fields.IsEmpty ? null : CommentHash.Read(fields);

                // A comment decided between the range read and the hash read has left the queue.
                if (comment?.State != CommentState.PendingReview)
                {
                    continue;
                }

                if (!page.Offer(new QueueItem(comment, QueueKind.Pending, DateTimeOffset.FromUnixTimeMilliseconds((long)batch[i].Score))))
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

    public Task<DecideCommentResult> DecideAsync(string commentId, long expectedVersion, ModeratorDecision decision, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decision);
        return RedisCalls.RunAsync(async () =>
        {
            var result = (RedisResult[])(await RedisScripts.DecideComment.EvaluateAsync(_db, new
            {
                commentKey = keys.Comment(commentId),
                pendingKey = keys.PendingQueue,
                commentId,
                newState = CommentHash.StateValue(Comment.StateFor(decision.Verdict)),
                pendingState = CommentHash.StateValue(CommentState.PendingReview),
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
}
