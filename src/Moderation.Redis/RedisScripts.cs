using StackExchange.Redis;

namespace Moderation.Redis;

/// <summary>
/// The Lua scripts behind each atomic operation. Parameters of type <see cref="RedisKey"/>
/// become KEYS (so the client routes them to the right cluster node), the rest ARGV.
/// </summary>
internal static class RedisScripts
{
    /// <summary>Undoes the bookkeeping of the state the comment leaves: its queue and author pending set, or its author count.</summary>
    private const string LeaveStateLua = """
        if current[1] == @pendingState then
          redis.call('ZREM', @pendingKey, @commentId)
          redis.call('SREM', @authorPendingKey, @commentId)
        elseif current[1] == @approvedState then
          redis.call('HINCRBY', @authorKey, 'approved', -1)
        elseif current[1] == @rejectedState then
          redis.call('HINCRBY', @authorKey, 'rejected', -1)
        end
        """;

    /// <summary>Ends any lease on the comment: it is leaving its queue.</summary>
    private const string ReleaseClaimsLua = """
        redis.call('HDEL', @claimHoldersKey, @commentId)
        redis.call('HDEL', @claimExpiriesKey, @commentId)
        """;

    /// <summary>
    /// Appends the change to the decision events (id: the service's milliseconds, never behind
    /// the newest event, with Redis's sequence), first recording the newest event retention is
    /// about to trim, so an expired cursor is detected rather than skipped. Expects newVersion.
    /// </summary>
    private const string AppendEventLua = """
        local eventMs = tonumber(@eventMs)
        local newest = redis.call('XREVRANGE', @eventsKey, '+', '-', 'COUNT', 1)
        if #newest > 0 then
          local newestMs = tonumber(string.match(newest[1][1], '^(%d+)'))
          if newestMs > eventMs then
            eventMs = newestMs
          end
        end
        local doomed = redis.call('XREVRANGE', @eventsKey, '(' .. @minId .. '-0', '-', 'COUNT', 1)
        if #doomed > 0 then
          redis.call('SET', @trimmedKey, doomed[1][1])
        end
        redis.call('XADD', @eventsKey, 'MINID', @minId, string.format('%.0f', eventMs) .. '-*',
          'comment', @commentId, 'article', @articleId, 'state', @newState, 'version', newVersion, 'cause', @cause, 'at', @eventMs)
        """;

    /// <summary>A decided comment (approved, rejected) expires with its history and reporters; any other never does.</summary>
    private const string SetLifetimeLua = """
        do
          if @lifetimeState == @approvedState or @lifetimeState == @rejectedState then
            redis.call('PEXPIRE', @commentKey, @decidedRetentionMs)
            redis.call('PEXPIRE', @historyKey, @decidedRetentionMs)
            redis.call('PEXPIRE', @reportersKey, @decidedRetentionMs)
          else
            redis.call('PERSIST', @commentKey)
            redis.call('PERSIST', @historyKey)
            redis.call('PERSIST', @reportersKey)
          end
        """;

    /// <summary>
    /// Creates a comment unless its id is taken: its hash, its first history entry, its place in
    /// the pending queue and the author's pending set when held, and the author's count when
    /// decided. Returns an empty array when created, or the stored hash when the id was taken.
    /// </summary>
    public static readonly LuaScript AddComment = LuaScript.Prepare($$"""
        if redis.call('EXISTS', @commentKey) == 1 then
          return redis.call('HGETALL', @commentKey)
        end
        redis.call('HSET', @commentKey, 'doc', @doc, 'state', @state, 'version', @version, 'updated', @updated, 'author', @authorId, 'article', @articleId)
        redis.call('RPUSH', @historyKey, @historyEntry)
        if @queueScore ~= '' then
          redis.call('ZADD', @pendingKey, @queueScore, @commentId)
          redis.call('SADD', @authorPendingKey, @commentId)
        end
        if @countField ~= '' then
          redis.call('HINCRBY', @authorKey, @countField, 1)
        end
        if @flaggedScore ~= '' then
          redis.call('ZADD', @reportedKey, @flaggedScore, @commentId)
        end
        {{SetLifetimeLua}}
        end
        return {}
        """);

    /// <summary>
    /// Applies a moderator's decision with its history entry, queue and author bookkeeping.
    /// Returns {-1} for an unknown comment, {-2, version} for a stale expected version, {0, hash}
    /// when the state was already the decided one, and {1, hash} after a change.
    /// </summary>
    public static readonly LuaScript DecideComment = LuaScript.Prepare($$"""
        local current = redis.call('HMGET', @commentKey, 'state', 'version')
        if not current[1] then
          return {-1}
        end
        if current[1] == @newState then
          if @newState == @approvedState and redis.call('ZREM', @reportedKey, @commentId) == 1 then
            redis.call('RPUSH', @historyKey, @dismissEntry)
          end
          return {0, redis.call('HGETALL', @commentKey)}
        end
        if current[2] ~= @expectedVersion then
          return {-2, tonumber(current[2])}
        end
        redis.call('ZREM', @reportedKey, @commentId)
        redis.call('ZREM', @hiddenKey, @commentId)
        {{ReleaseClaimsLua}}
        local newVersion = redis.call('HINCRBY', @commentKey, 'version', 1)
        redis.call('HSET', @commentKey, 'state', @newState, 'updated', @updated, 'mod', @moderatorDecision)
        {{AppendEventLua}}

        redis.call('RPUSH', @historyKey, @historyEntry)
        {{LeaveStateLua}}
        redis.call('HINCRBY', @authorKey, @countField, 1)
        {{SetLifetimeLua}}
        end
        return {1, redis.call('HGETALL', @commentKey)}
        """);

    /// <summary>
    /// Replaces a comment with its edited form when the version matches, with its history entry
    /// and the queue and author bookkeeping of leaving the old state and entering the new one.
    /// Returns {-1} for an unknown comment, {-2, version} for a stale version, {1} after the edit.
    /// </summary>
    public static readonly LuaScript EditComment = LuaScript.Prepare($$"""
        local current = redis.call('HMGET', @commentKey, 'state', 'version')
        if not current[1] then
          return {-1}
        end
        if current[2] ~= @expectedVersion then
          return {-2, tonumber(current[2])}
        end
        local newVersion = @newVersion
        if current[1] ~= @newState then
          {{ReleaseClaimsLua}}
        end
        redis.call('HSET', @commentKey, 'doc', @doc, 'state', @newState, 'version', newVersion, 'updated', @updated)
        redis.call('RPUSH', @historyKey, @historyEntry)
        {{AppendEventLua}}

        {{LeaveStateLua}}
        if @newState == @pendingState then
          redis.call('ZADD', @pendingKey, @queueScore, @commentId)
          redis.call('SADD', @authorPendingKey, @commentId)
        elseif @newState == @approvedState then
          redis.call('HINCRBY', @authorKey, 'approved', 1)
        elseif @newState == @rejectedState then
          redis.call('HINCRBY', @authorKey, 'rejected', 1)
        end
        {{SetLifetimeLua}}
        end
        return {1}
        """);

    /// <summary>
    /// Records a reader's report once per reader, with its history entry. An approved comment
    /// enters the reported queue at the reported threshold, and is hidden at the hide threshold
    /// (leaving the reported queue for the hidden one, with an event for the site). Returns {-1}
    /// for an unknown comment, {-2} when the comment changed since it was read, {0, count, state}
    /// for a repeated report, {1, count, state} otherwise.
    /// </summary>
    public static readonly LuaScript ReportComment = LuaScript.Prepare($$"""
        local current = redis.call('HMGET', @commentKey, 'state', 'version')
        if not current[1] then
          return {-1}
        end
        if current[2] ~= @expectedVersion then
          return {-2}
        end
        if redis.call('SADD', @reportersKey, @reporter) == 0 then
          return {0, redis.call('SCARD', @reportersKey), current[1]}
        end
        local count = redis.call('SCARD', @reportersKey)
        redis.call('RPUSH', @historyKey, @reportedEntry)
        if current[1] == @approvedState then
          if count >= tonumber(@hideThreshold) then
            local newVersion = redis.call('HINCRBY', @commentKey, 'version', 1)
            redis.call('HSET', @commentKey, 'state', @newState, 'updated', @eventMs)
            redis.call('RPUSH', @historyKey, @hiddenEntry)
            redis.call('ZREM', @reportedKey, @commentId)
            {{ReleaseClaimsLua}}
            redis.call('ZADD', @hiddenKey, @eventMs, @commentId)
            redis.call('HINCRBY', @authorKey, 'approved', -1)
            redis.call('PERSIST', @commentKey)
            redis.call('PERSIST', @historyKey)
            redis.call('PERSIST', @reportersKey)
            {{AppendEventLua}}
            return {1, count, @newState}
          elseif count >= tonumber(@reportedThreshold) then
            redis.call('ZADD', @reportedKey, 'NX', @eventMs, @commentId)
          end
        end
        return {1, count, current[1]}
        """);

    /// <summary>
    /// Leases queue items to a moderator: KEYS = queue, holders, expiries; ARGV = moderator,
    /// now (ms), lease end (ms), max, then candidate ids oldest first. An item is leased when it
    /// is still in the queue and unclaimed, its lease has run out, or the caller holds it already.
    /// Returns the ids leased.
    /// </summary>
    public static readonly RedisScript ClaimComments = new("""
        local claimed = {}
        local now = tonumber(ARGV[2])
        for i = 5, #ARGV do
          if #claimed >= tonumber(ARGV[4]) then
            break
          end
          local id = ARGV[i]
          if redis.call('ZSCORE', KEYS[1], id) then
            local holder = redis.call('HGET', KEYS[2], id)
            local expiry = tonumber(redis.call('HGET', KEYS[3], id) or '0')
            if (not holder) or expiry <= now or holder == ARGV[1] then
              redis.call('HSET', KEYS[2], id, ARGV[1])
              redis.call('HSET', KEYS[3], id, ARGV[3])
              claimed[#claimed + 1] = id
            end
          end
        end
        return claimed
        """);

    /// <summary>Ends the caller's leases: KEYS = holders, expiries; ARGV = moderator, then ids. Returns the ids released.</summary>
    public static readonly RedisScript ReleaseComments = new("""
        local released = {}
        for i = 2, #ARGV do
          if redis.call('HGET', KEYS[1], ARGV[i]) == ARGV[1] then
            redis.call('HDEL', KEYS[1], ARGV[i])
            redis.call('HDEL', KEYS[2], ARGV[i])
            released[#released + 1] = ARGV[i]
          end
        end
        return released
        """);

    /// <summary>
    /// Records an author posting a text and reads its history in one step: the author's previous
    /// time (or -1), then the number of authors within each window. Entries older than the
    /// longest window are dropped and the key expires with it, so memory stays bounded.
    /// </summary>
    public static readonly LuaScript RecordText = LuaScript.Prepare("""
        redis.call('ZREMRANGEBYSCORE', @key, '-inf', tonumber(@now) - tonumber(@keep) - 1)
        local previous = redis.call('ZSCORE', @key, @author)
        redis.call('ZADD', @key, @now, @author)
        redis.call('PEXPIRE', @key, @keep)
        local counts = {}
        for window in string.gmatch(@windows, '[^,]+') do
          counts[#counts + 1] = redis.call('ZCOUNT', @key, tonumber(@now) - tonumber(window), '+inf')
        end
        return {previous or '-1', counts}
        """);

    /// <summary>
    /// GCRA over every limit of a submission at once, mirroring Core's <c>Gcra.Evaluate</c>:
    /// all keys are read and judged first, and written only when every non-shadow limit allows.
    /// The clock is Redis's own (TIME) unless the caller passes one (ARGV[1], microseconds), so
    /// instances with skewed clocks enforce the same limit. ARGV then holds, per key: interval,
    /// tolerance, cost, shadow (1/0). Returns {allowed, {allowed, remaining, retry_us, reset_us}...}.
    /// Numbers are written with %.0f because Lua 5.1 would print a microsecond timestamp in
    /// exponent notation and lose precision.
    /// </summary>
    public static readonly RedisScript AcquireGcra = new("""
        local now
        if ARGV[1] == '' then
          local time = redis.call('TIME')
          now = tonumber(time[1]) * 1000000 + tonumber(time[2])
        else
          now = tonumber(ARGV[1])
        end
        local allowed = 1
        local results = {}
        local newTats = {}
        for i = 1, #KEYS do
          local at = 1 + (i - 1) * 4
          local interval = tonumber(ARGV[at + 1])
          local tolerance = tonumber(ARGV[at + 2])
          local cost = tonumber(ARGV[at + 3])
          local stored = redis.call('GET', KEYS[i])
          local tat = now
          if stored then
            tat = math.max(tonumber(stored), now)
          end
          local newTat = tat + interval * cost
          local allowAt = newTat - tolerance
          if now < allowAt then
            results[i] = {0, 0, allowAt - now, tat - now}
            if ARGV[at + 4] ~= '1' then
              allowed = 0
            end
          else
            results[i] = {1, math.floor((now - allowAt) / interval), 0, newTat - now}
            newTats[i] = newTat
          end
        end
        if allowed == 1 then
          for i = 1, #KEYS do
            if newTats[i] then
              redis.call('SET', KEYS[i], string.format('%.0f', newTats[i]), 'PX', math.ceil((newTats[i] - now) / 1000))
            end
          end
        end
        return {allowed, results}
        """);
}
