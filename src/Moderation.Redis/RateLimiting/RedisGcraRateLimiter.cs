using System.Globalization;
using Moderation.Core.RateLimiting;
using StackExchange.Redis;

namespace Moderation.Redis.RateLimiting;

/// <summary>
/// GCRA in Redis: one small key per (limit, subject) holding the theoretical arrival time,
/// expiring when the subject's quota is full again. All the limits of a submission go in one
/// script call: one round trip, all or nothing, exact across every instance sharing Redis.
/// </summary>
public sealed class RedisGcraRateLimiter(IConnectionMultiplexer redis, RedisKeys keys, TimeProvider? callerClock = null) : IRateLimiter
{
    /// <summary>
    /// GCRA over every limit of a submission at once, mirroring Core's <c>Gcra.Evaluate</c>:
    /// all keys are read and judged first, and written only when every non-shadow limit allows.
    /// The clock is Redis's own (TIME) unless the caller passes one (ARGV[1], microseconds), so
    /// instances with skewed clocks enforce the same limit. ARGV[2] is how long a charge id is
    /// remembered (ms; '' when there is none, otherwise it is the last key): an id remembered is
    /// allowed again without a charge. ARGV then holds, per limit key: interval, tolerance,
    /// cost, shadow (1/0). Returns {allowed, {allowed, remaining, retry_us, reset_us}...}, or
    /// {1, 'charged'} for a remembered id. Numbers are written with %.0f because Lua 5.1 would
    /// print a microsecond timestamp in exponent notation and lose precision.
    /// </summary>
    internal const string AcquireScript = """
        local limits = #KEYS
        if ARGV[2] ~= '' then
          limits = limits - 1
          if redis.call('EXISTS', KEYS[#KEYS]) == 1 then
            return {1, 'charged'}
          end
        end
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
        for i = 1, limits do
          local at = 2 + (i - 1) * 4
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
          for i = 1, limits do
            if newTats[i] then
              redis.call('SET', KEYS[i], string.format('%.0f', newTats[i]), 'PX', math.ceil((newTats[i] - now) / 1000))
            end
          end
          if ARGV[2] ~= '' then
            redis.call('SET', KEYS[#KEYS], '1', 'PX', ARGV[2])
          end
        end
        return {allowed, results}
        """;

    private readonly IDatabase _db = redis.GetDatabase();

    public async ValueTask<RateLimitOutcome> TryAcquireAsync(IReadOnlyList<RateLimitRequest> requests, string? chargeId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var redisKeys = new RedisKey[requests.Count + (chargeId is null ? 0 : 1)];
        var values = new RedisValue[2 + (requests.Count * 4)];

        // Redis's clock by default; the caller's only for Redis services that refuse TIME in scripts.
        values[0] = callerClock is null ? "" : ((long)(callerClock.GetUtcNow() - DateTimeOffset.UnixEpoch).TotalMicroseconds).ToString(CultureInfo.InvariantCulture);
        values[1] = chargeId is null ? "" : (long)Math.Ceiling(RateLimitOutcome.ChargeMemory(requests).TotalMilliseconds);
        for (int i = 0; i < requests.Count; i++)
        {
            var (policy, subject, cost) = requests[i];
            redisKeys[i] = keys.RateLimit(policy.Name, subject);
            values[2 + (i * 4)] = policy.EmissionIntervalMicroseconds;
            values[3 + (i * 4)] = policy.BurstToleranceMicroseconds;
            values[4 + (i * 4)] = cost;
            values[5 + (i * 4)] = policy.Shadow ? "1" : "0";
        }

        if (chargeId is not null)
        {
            redisKeys[^1] = keys.Charge(chargeId);
        }

        // StackExchange.Redis caches the script: EVALSHA once it is known, EVAL again after NOSCRIPT.
        var result = await RedisCalls.RunAsync(
            async () => (RedisResult[])(await _db.ScriptEvaluateAsync(AcquireScript, redisKeys, values).ConfigureAwait(false))!,
            cancellationToken).ConfigureAwait(false);
        if (result[1].Resp2Type == ResultType.BulkString)
        {
            return RateLimitOutcome.ChargedBefore(requests);
        }

        var each = (RedisResult[])result[1]!;
        var decisions = new RateLimitDecision[requests.Count];
        for (int i = 0; i < requests.Count; i++)
        {
            var values4 = (RedisResult[])each[i]!;
            var outcome = new Gcra.Outcome((long)values4[0] == 1, 0, (int)(long)values4[1], (long)values4[2], (long)values4[3]);
            decisions[i] = InMemoryGcraRateLimiter.ToDecision(requests[i].Policy, outcome);
        }

        return new RateLimitOutcome((long)result[0] == 1, decisions);
    }
}
