using System.Globalization;
using Moderation.Core.Workflow;
using Moderation.Core.Workflow.Transitions;
using StackExchange.Redis;

namespace Moderation.Redis.Comments;

/// <summary>
/// Applies one <see cref="CommentChange"/> in one script: check the comment's revision, then
/// write what the change says. The script holds no workflow rule: which queue, which count,
/// which history entry and which event were all worked out in Core before it runs.
/// </summary>
internal static class CommentChangeScript
{
    /// <summary>
    /// KEYS: comment, history, reporters, author, author's pending set, queue left, queue
    /// entered, events, events-trimmed. ARGV: expected revision ('0': the id must be free), new
    /// revision, comment id, the queue left ('' none, 'p' pending, 'q' another), the score in
    /// the queue entered ('' none), '1' when that queue is the pending one, a new reporter,
    /// approved and rejected count deltas, the lifetime in ms ('' never expires), the event's
    /// cause ('' none), its time (ms), the oldest event id retention keeps, article, state,
    /// version, the number n of history entries, the n entries, then field/value pairs of the
    /// comment hash. Returns 1 when applied, 0 when the revision moved.
    /// </summary>
    /// <remarks>
    /// The event id is the service's milliseconds, never behind the newest event, with Redis's
    /// sequence. Before trimming, the newest event retention is about to drop is recorded, so an
    /// expired cursor is detected rather than skipped. Lua 5.1 prints large numbers in exponent
    /// notation, hence %.0f.
    /// </remarks>
    private const string Source = """
        local stored = redis.call('HGET', KEYS[1], 'rev')
        if not stored then
          if redis.call('EXISTS', KEYS[1]) == 1 then stored = '-1' else stored = '0' end
        end
        if stored ~= ARGV[1] then
          return 0
        end
        local id = ARGV[3]
        local entries = tonumber(ARGV[17])
        for i = 18, 17 + entries do
          redis.call('RPUSH', KEYS[2], ARGV[i])
        end
        local fields = {}
        for i = 18 + entries, #ARGV do
          fields[#fields + 1] = ARGV[i]
        end
        redis.call('HSET', KEYS[1], 'rev', ARGV[2], unpack(fields))
        if ARGV[4] ~= '' then
          redis.call('ZREM', KEYS[6], id)
          if ARGV[4] == 'p' then redis.call('SREM', KEYS[5], id) end
        end
        if ARGV[5] ~= '' then
          redis.call('ZADD', KEYS[7], ARGV[5], id)
          if ARGV[6] == '1' then redis.call('SADD', KEYS[5], id) end
        end
        if ARGV[7] ~= '' then
          redis.call('SADD', KEYS[3], ARGV[7])
        end
        if ARGV[8] ~= '0' then redis.call('HINCRBY', KEYS[4], 'approved', ARGV[8]) end
        if ARGV[9] ~= '0' then redis.call('HINCRBY', KEYS[4], 'rejected', ARGV[9]) end
        if ARGV[11] ~= '' then
          local eventMs = tonumber(ARGV[12])
          local newest = redis.call('XREVRANGE', KEYS[8], '+', '-', 'COUNT', 1)
          if #newest > 0 then
            local newestMs = tonumber(string.match(newest[1][1], '^(%d+)'))
            if newestMs > eventMs then eventMs = newestMs end
          end
          local doomed = redis.call('XREVRANGE', KEYS[8], '(' .. ARGV[13] .. '-0', '-', 'COUNT', 1)
          if #doomed > 0 then
            redis.call('SET', KEYS[9], doomed[1][1])
          end
          redis.call('XADD', KEYS[8], 'MINID', ARGV[13], string.format('%.0f', eventMs) .. '-*',
            'comment', id, 'article', ARGV[14], 'state', ARGV[15], 'version', ARGV[16], 'cause', ARGV[11], 'at', ARGV[12])
        end
        for i = 1, 3 do
          if ARGV[10] ~= '' then
            redis.call('PEXPIRE', KEYS[i], ARGV[10])
          else
            redis.call('PERSIST', KEYS[i])
          end
        end
        return 1
        """;

    public static async Task<bool> ApplyAsync(IDatabase db, RedisKeys keys, CommentChange change, long decidedRetentionMs, long eventRetentionMs)
    {
        var after = change.After;
        var comment = after.Comment;
        string id = comment.Id;
        string author = comment.Submission.Author.Id;
        var from = change.Before.Place;
        var to = after.Place;
        bool moves = from != to;
        RedisKey[] redisKeys =
        [
            keys.Comment(id),
            keys.History(id),
            keys.Reporters(id),
            keys.Author(author),
            keys.AuthorPending(author),
            keys.Queue(from?.Queue ?? QueueKind.Pending),
            keys.Queue(to?.Queue ?? QueueKind.Pending),
            keys.Events,
            keys.EventsTrimmed,
        ];
        long eventMs = comment.UpdatedAt.ToUnixTimeMilliseconds();
        var values = new List<RedisValue>(40)
        {
            change.Before.Revision,
            Math.Max(change.Before.Revision, 0) + 1,
            id,
            !moves || from is null ? "" : from.Queue == QueueKind.Pending ? "p" : "q",
            !moves || to is null ? "" : to.EnqueuedAt.ToUnixTimeMilliseconds(),
            moves && to?.Queue == QueueKind.Pending ? "1" : "",
            change.NewReporter ?? "",
            change.ApprovedDelta,
            change.RejectedDelta,
            change.Expires ? decidedRetentionMs : "",
            change.EventCause ?? "",
            eventMs,
            Math.Max(0, eventMs - eventRetentionMs),
            comment.Submission.ArticleId,
            CommentHash.StateValue(comment.State),
            comment.Version,
            change.Entries.Count,
        };
        values.AddRange(change.Entries.Select(e => (RedisValue)CommentHash.Serialize(e)));
        values.AddRange(CommentHash.Fields(after, change.TextChanged));
        var result = await db.ScriptEvaluateAsync(Source, redisKeys, [.. values]).ConfigureAwait(false);
        return (int)result == 1;
    }

}
