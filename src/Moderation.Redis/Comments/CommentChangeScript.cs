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
    /// A Lua function, <c>apply_change(k, a, known_free)</c>, that applies a change whose keys start after
    /// KEYS[k] and whose arguments start after ARGV[a] and run to the end of ARGV (known_free: the
    /// caller has just seen that a new comment's id is free): KEYS are the
    /// comment, history, reporters, author, author's pending set, queue left, queue entered,
    /// events, events-trimmed, author's recent list; ARGV are the expected revision ('0': the id must be free), the new
    /// revision, the comment id, the queue left ('' none, 'p' pending, 'q' another), the score in
    /// the queue entered ('' none), '1' when that queue is the pending one, a new reporter,
    /// approved and rejected count deltas, the lifetime in ms ('' never expires), the event's
    /// cause ('' none), its time (ms), the oldest event id retention keeps, article, state,
    /// version, how many recent comments the author keeps when this comment joins them ('' when
    /// it does not), the score of a new comment in the recent index ('' when it joins none), the
    /// score below which that index drops ids, how many ids it keeps, the lifetime of the rule
    /// counters' bucket in ms, the number m of counters to add one to, the comment's document
    /// ('' when the change keeps it), the id the event log takes if it has none yet, the m counter
    /// fields, the number n of history entries, the n entries, then field/value pairs of the comment
    /// hash. KEYS go on with the rule counters' bucket, the recent index, the document and the event
    /// log's id. Returns 1 when applied, 0 when the revision moved.
    /// </summary>
    /// <remarks>
    /// The event id is the service's milliseconds, never behind the newest event, with Redis's
    /// sequence. Before trimming, the newest event retention is about to drop is recorded, so an
    /// expired cursor is detected rather than skipped. Lua 5.1 prints large numbers in exponent
    /// notation, hence %.0f.
    /// </remarks>
    internal const string ApplyFunction = """
        local function apply_change(k, a, known_free)
          local new = ARGV[a + 1] == '0'
          if new then
            if not known_free and redis.call('EXISTS', KEYS[k + 1]) == 1 then
              return 0
            end
          else
            local stored = redis.call('HGET', KEYS[k + 1], 'rev')
            if not stored then
              if redis.call('EXISTS', KEYS[k + 1]) == 1 then stored = '-1' else stored = '0' end
            end
            if stored ~= ARGV[a + 1] then
              return 0
            end
          end
          local id = ARGV[a + 3]
          local counters = tonumber(ARGV[a + 22])
          local document = ARGV[a + 23]
          local h = a + 25 + counters
          local entries = tonumber(ARGV[h])
          for i = h + 1, h + entries do
            redis.call('RPUSH', KEYS[k + 2], ARGV[i])
          end
          local fields = {}
          for i = h + 1 + entries, #ARGV do
            fields[#fields + 1] = ARGV[i]
          end
          redis.call('HSET', KEYS[k + 1], 'rev', ARGV[a + 2], unpack(fields))
          if document ~= '' then
            if ARGV[a + 10] ~= '' then
              redis.call('SET', KEYS[k + 13], document, 'PX', ARGV[a + 10])
            else
              redis.call('SET', KEYS[k + 13], document)
            end
          end
          if ARGV[a + 4] ~= '' then
            redis.call('ZREM', KEYS[k + 6], id)
            if ARGV[a + 4] == 'p' then redis.call('SREM', KEYS[k + 5], id) end
          end
          if ARGV[a + 5] ~= '' then
            redis.call('ZADD', KEYS[k + 7], ARGV[a + 5], id)
            if ARGV[a + 6] == '1' then redis.call('SADD', KEYS[k + 5], id) end
          end
          if ARGV[a + 7] ~= '' then
            redis.call('SADD', KEYS[k + 3], ARGV[a + 7])
          end
          if ARGV[a + 17] ~= '' and redis.call('LPUSH', KEYS[k + 10], id) > tonumber(ARGV[a + 17]) then
            redis.call('LTRIM', KEYS[k + 10], 0, tonumber(ARGV[a + 17]) - 1)
          end
          if ARGV[a + 18] ~= '' then
            redis.call('ZADD', KEYS[k + 12], ARGV[a + 18], id)
            redis.call('ZREMRANGEBYSCORE', KEYS[k + 12], '-inf', '(' .. ARGV[a + 19])
            redis.call('ZREMRANGEBYRANK', KEYS[k + 12], 0, -1 - tonumber(ARGV[a + 20]))
          end
          -- The bucket's lifetime is set when one of its counters is created, the bucket with them.
          local created = false
          for i = a + 25, a + 24 + counters do
            if redis.call('HINCRBY', KEYS[k + 11], ARGV[i], 1) == 1 then created = true end
          end
          if created then
            redis.call('PEXPIRE', KEYS[k + 11], ARGV[a + 21])
          end
          if ARGV[a + 8] ~= '0' then redis.call('HINCRBY', KEYS[k + 4], 'approved', ARGV[a + 8]) end
          if ARGV[a + 9] ~= '0' then redis.call('HINCRBY', KEYS[k + 4], 'rejected', ARGV[a + 9]) end
          if ARGV[a + 11] ~= '' then
            local eventMs = tonumber(ARGV[a + 12])
            local newest = redis.call('XREVRANGE', KEYS[k + 8], '+', '-', 'COUNT', 1)
            if #newest > 0 then
              local newestMs = tonumber(string.match(newest[1][1], '^(%d+)'))
              if newestMs > eventMs then eventMs = newestMs end
            end
            local doomed = redis.call('XREVRANGE', KEYS[k + 8], '(' .. ARGV[a + 13] .. '-0', '-', 'COUNT', 1)
            if #doomed > 0 then
              redis.call('SET', KEYS[k + 9], doomed[1][1])
            end
            redis.call('SET', KEYS[k + 14], ARGV[a + 24], 'NX')
            redis.call('XADD', KEYS[k + 8], 'MINID', ARGV[a + 13], string.format('%.0f', eventMs) .. '-*',
              'comment', id, 'article', ARGV[a + 14], 'state', ARGV[a + 15], 'version', ARGV[a + 16], 'cause', ARGV[a + 11], 'at', ARGV[a + 12])
          end
          -- A new comment has no reporters' set yet unless this change reports it; a document
          -- just written has its lifetime already.
          local lifetimes = {k + 1, k + 2}
          if not new or ARGV[a + 7] ~= '' then lifetimes[#lifetimes + 1] = k + 3 end
          if document == '' then lifetimes[#lifetimes + 1] = k + 13 end
          for _, key in ipairs(lifetimes) do
            if ARGV[a + 10] ~= '' then
              redis.call('PEXPIRE', KEYS[key], ARGV[a + 10])
            else
              redis.call('PERSIST', KEYS[key])
            end
          end
          return 1
        end
        """;

    /// <summary>How many KEYS a change takes.</summary>
    internal const int KeyCount = 14;

    private static readonly long CountersLifetimeMs = (long)Moderation.Core.Rules.Statistics.RuleCounters.BucketLifetime.TotalMilliseconds;

    private const string Script = ApplyFunction + "\nreturn apply_change(0, 0, false)\n";

    public static async Task<bool> ApplyAsync(IDatabase db, RedisKeys keys, CommentChange change, long decidedRetentionMs, long eventRetentionMs)
    {
        var (redisKeys, values) = Arguments(keys, change, decidedRetentionMs, eventRetentionMs);
        var result = await db.ScriptEvaluateAsync(Script, redisKeys, values).ConfigureAwait(false);
        return (int)result == 1;
    }

    /// <summary>
    /// The KEYS and ARGV of <see cref="ApplyFunction"/> for a change, in arrays of the exact size
    /// a script call takes: with <paramref name="trailingKeys"/> free slots after the keys and
    /// <paramref name="leadingValues"/> before the arguments, for a caller whose script runs more
    /// than the change (a submission sends about 60 arguments; copying them again is garbage).
    /// </summary>
    public static (RedisKey[] Keys, RedisValue[] Values) Arguments(RedisKeys keys, CommentChange change, long decidedRetentionMs, long eventRetentionMs, int trailingKeys = 0, int leadingValues = 0)
    {
        var after = change.After;
        var comment = after.Comment;
        string id = comment.Id;
        string author = comment.Submission.Author.Id;
        var from = change.Before.Place;
        var to = after.Place;
        bool moves = from != to;
        var redisKeys = new RedisKey[KeyCount + trailingKeys];
        // Spans, so the fixed parts are built on the stack and copied once into the call's arrays.
        ReadOnlySpan<RedisKey> changeKeys =
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
            keys.AuthorRecent(author),

            // A change that counts nothing still names a bucket: a script declares every key it may touch.
            keys.RuleStats(change.Counters?.Hour ?? 0),
            keys.RecentComments,
            keys.Document(id),
            keys.EventsLog,
        ];
        changeKeys.CopyTo(redisKeys);
        long eventMs = comment.UpdatedAt.ToUnixTimeMilliseconds();
        ReadOnlySpan<RedisValue> fixedValues =
        [
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
            change.IsNewComment ? CommentChange.AuthorsRecentCapacity : "",
            change.Recent is { } recent ? recent.CreatedAt.ToUnixTimeMilliseconds() : "",
            change.Recent is { } trim ? trim.TrimBefore.ToUnixTimeMilliseconds() : "",
            change.Recent?.Capacity ?? 0,
            CountersLifetimeMs,
            change.Counters?.Fields.Count ?? 0,
            change.TextChanged ? CommentHash.Serialize(comment) : RedisValue.EmptyString,
            // Offered afresh with every event (only the first of a log keeps it): one offered
            // again after Redis lost its data would give the new log its predecessor's id.
            change.EventCause is null ? RedisValue.EmptyString : Moderation.Core.Events.EventCursor.NewLogId(),
        ];
        var counters = change.Counters?.Fields ?? [];
        var entries = StoredHistoryEntry.Serialize(change).ToArray();
        var fields = CommentHash.Fields(after, change.TextChanged, change.IsNewComment).ToArray();
        var values = new RedisValue[leadingValues + fixedValues.Length + counters.Count + 1 + entries.Length + fields.Length];
        int at = leadingValues;
        fixedValues.CopyTo(values.AsSpan(at));
        at += fixedValues.Length;
        foreach (string counter in counters)
        {
            values[at++] = counter;
        }

        values[at++] = entries.Length;
        foreach (byte[] entry in entries)
        {
            values[at++] = entry;
        }

        fields.CopyTo(values, at);
        return (redisKeys, values);
    }

}
