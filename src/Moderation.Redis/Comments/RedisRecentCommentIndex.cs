using Moderation.Core.Comments;
using Moderation.Core.Workflow;
using Moderation.Redis.Telemetry;
using StackExchange.Redis;

namespace Moderation.Redis.Comments;

/// <summary>
/// The recent-comment index in Redis: a sorted set of ids scored by creation time (ms), added to
/// and trimmed by the script that stores each new comment. A batch is one script (the next ids,
/// newest first) and one pipelined HGETALL of their comments: two round trips of bounded size, so
/// a backtest never holds Redis for long, whatever the window.
/// </summary>
public sealed class RedisRecentCommentIndex(IConnectionMultiplexer redis, RedisKeys keys, RedisCallMetrics? metrics = null) : IRecentCommentIndex
{
    /// <summary>
    /// KEYS[1]: the index. ARGV: the id the previous batch ended at ('' to start), until and since
    /// (ms, for the first batch), the most ids. Returns id/score pairs, newest first: from until
    /// down for the first batch, and otherwise the ones after the given id, wherever inserts have
    /// moved it since (none when it was trimmed, and every older id with it).
    /// </summary>
    private const string NextIds = """
        if ARGV[1] == '' then
          return redis.call('ZREVRANGEBYSCORE', KEYS[1], ARGV[2], ARGV[3], 'WITHSCORES', 'LIMIT', 0, ARGV[4])
        end
        local rank = redis.call('ZREVRANK', KEYS[1], ARGV[1])
        if not rank then
          return {}
        end
        return redis.call('ZREVRANGE', KEYS[1], rank + 1, rank + tonumber(ARGV[4]), 'WITHSCORES')
        """;

    private readonly IDatabase _db = redis.GetDatabase();

    public Task<RecentCommentBatch> ReadAsync(RecentCommentQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Max, 1);
        return RedisCalls.RunAsync(RedisOperation.RecentRead, metrics, () => ReadBatchAsync(query), cancellationToken);
    }

    private async Task<RecentCommentBatch> ReadBatchAsync(RecentCommentQuery query)
    {
        long since = query.Since.ToUnixTimeMilliseconds();
        var reply = (RedisResult[])(await _db.ScriptEvaluateAsync(
            NextIds,
            [keys.RecentComments],
            [query.After?.CommentId ?? "", query.Until.ToUnixTimeMilliseconds(), since, query.Max]).ConfigureAwait(false))!;
        var entries = new List<RecentPosition>(reply.Length / 2);
        for (int i = 0; i + 1 < reply.Length; i += 2)
        {
            long score = (long)(double)reply[i + 1];
            if (score < since)
            {
                break;
            }

            entries.Add(new RecentPosition(score, (string)reply[i]!));
        }

        var reads = entries.Select(e => (Hash: _db.HashGetAllAsync(keys.Comment(e.CommentId)), Document: _db.StringGetAsync(keys.Document(e.CommentId)))).ToArray();
        var comments = new List<Comment>(entries.Count);
        foreach (var read in reads)
        {
            // A decided comment expires after the workflow's retention; its id may outlive it here.
            var fields = new RedisResultPairs(await read.Hash.ConfigureAwait(false)).WithDocument(await read.Document.ConfigureAwait(false));
            if (!fields.IsEmpty)
            {
                comments.Add(CommentHash.Read(fields));
            }
        }

        bool more = entries.Count == query.Max;
        return new RecentCommentBatch(comments, more ? entries[^1] : null);
    }
}
