using StackExchange.Redis;

namespace Moderation.Redis;

/// <summary>
/// The Lua scripts behind each atomic operation. Parameters of type <see cref="RedisKey"/>
/// become KEYS (so the client routes them to the right cluster node), the rest ARGV.
/// </summary>
internal static class RedisScripts
{
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
