using System.Globalization;
using Moderation.Core.RateLimiting;
using Moderation.Redis.Telemetry;
using StackExchange.Redis;

namespace Moderation.Redis.RateLimiting;

/// <summary>
/// GCRA in Redis: one small key per (limit, subject) holding the theoretical arrival time,
/// expiring when the subject's quota is full again. All the limits of a submission go in one
/// script call: one round trip, all or nothing, exact across every instance sharing Redis.
/// </summary>
public sealed class RedisGcraRateLimiter(IConnectionMultiplexer redis, RedisKeys keys, TimeProvider? callerClock = null, RedisCallMetrics? metrics = null) : IRateLimiter
{
    /// <summary>
    /// Lua functions for GCRA over every limit of a submission at once, mirroring Core's
    /// <c>Gcra.Evaluate</c>. <c>gcra_judge(k, n, a)</c> reads the n limit keys after KEYS[k] and
    /// judges them with the arguments after ARGV[a]: the clock (microseconds; '' for Redis's own
    /// TIME, so instances with skewed clocks enforce the same limit), how long a charge id is
    /// remembered (ms; '' when there is none, otherwise its key follows the limit keys), then per
    /// limit: interval, tolerance, cost, shadow (1/0). It returns 'charged' for a remembered id,
    /// otherwise 'allowed' or 'refused' with {allowed, remaining, retry_us, reset_us} per limit;
    /// <c>gcra_commit</c> then writes the new arrival times and the charge id. Nothing is written
    /// unless every non-shadow limit allows. Numbers are written with %.0f because Lua 5.1 would
    /// print a microsecond timestamp in exponent notation and lose precision.
    /// </summary>
    internal const string GcraFunctions = """
        local function gcra_judge(k, n, a)
          if ARGV[a + 2] ~= '' and redis.call('EXISTS', KEYS[k + n + 1]) == 1 then
            return 'charged', {}, {}, 0
          end
          local now
          if ARGV[a + 1] == '' then
            local time = redis.call('TIME')
            now = tonumber(time[1]) * 1000000 + tonumber(time[2])
          else
            now = tonumber(ARGV[a + 1])
          end
          local allowed = 'allowed'
          local results = {}
          local newTats = {}
          local tats = {}
          if n > 0 then tats = redis.call('MGET', unpack(KEYS, k + 1, k + n)) end
          for i = 1, n do
            local at = a + 2 + (i - 1) * 4
            local interval = tonumber(ARGV[at + 1])
            local tolerance = tonumber(ARGV[at + 2])
            local cost = tonumber(ARGV[at + 3])
            local stored = tats[i]
            local tat = now
            if stored then
              tat = math.max(tonumber(stored), now)
            end
            local newTat = tat + interval * cost
            local allowAt = newTat - tolerance
            if now < allowAt then
              results[i] = {0, 0, allowAt - now, tat - now}
              if ARGV[at + 4] ~= '1' then
                allowed = 'refused'
              end
            else
              results[i] = {1, math.floor((now - allowAt) / interval), 0, newTat - now}
              newTats[i] = newTat
            end
          end
          return allowed, results, newTats, now
        end

        local function gcra_commit(k, n, a, newTats, now)
          for i = 1, n do
            if newTats[i] then
              redis.call('SET', KEYS[k + i], string.format('%.0f', newTats[i]), 'PX', math.ceil((newTats[i] - now) / 1000))
            end
          end
          if ARGV[a + 2] ~= '' then
            redis.call('SET', KEYS[k + n + 1], '1', 'PX', ARGV[a + 2])
          end
        end
        """;

    /// <summary>
    /// The limiter on its own: KEYS are the limit keys (then the charge key), ARGV as
    /// <see cref="GcraFunctions"/> reads them. Returns {allowed, per-limit results} or {1, 'charged'}.
    /// </summary>
    internal const string AcquireScript = GcraFunctions + """

        local n = #KEYS
        if ARGV[2] ~= '' then n = n - 1 end
        local state, results, newTats, now = gcra_judge(0, n, 0)
        if state == 'charged' then return {1, 'charged'} end
        if state == 'refused' then return {0, results} end
        gcra_commit(0, n, 0, newTats, now)
        return {1, results}
        """;

    private readonly IDatabase _db = redis.GetDatabase();

    public async ValueTask<RateLimitOutcome> TryAcquireAsync(IReadOnlyList<RateLimitRequest> requests, string? chargeId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var (redisKeys, values) = Arguments(keys, requests, chargeId, callerClock);

        var result = await RedisCalls.RunAsync(
            RedisOperation.RateLimitAcquire,
            metrics,
            async () => (RedisResult[])(await _db.ScriptEvaluateAsync(AcquireScript, redisKeys, values).ConfigureAwait(false))!,
            cancellationToken).ConfigureAwait(false);
        return ReadOutcome(requests, (long)result[0] == 1, result[1]);
    }

    /// <summary>The limit keys (then the charge key) and the arguments <see cref="GcraFunctions"/> reads.</summary>
    internal static (RedisKey[] Keys, RedisValue[] Values) Arguments(RedisKeys keys, IReadOnlyList<RateLimitRequest> requests, string? chargeId, TimeProvider? callerClock)
    {
        var redisKeys = new RedisKey[requests.Count + (chargeId is null ? 0 : 1)];
        var values = new RedisValue[2 + (requests.Count * 4)];

        // Redis's clock by default; the caller's only for Redis services that refuse TIME in scripts.
        values[0] = callerClock is null ? "" : ((long)(callerClock.GetUtcNow() - DateTimeOffset.UnixEpoch).TotalMicroseconds).ToString(CultureInfo.InvariantCulture);
        // With no limit to charge (a trusted author exempt from all), there is no charge to remember.
        long chargeMemoryMs = (long)Math.Ceiling(RateLimitOutcome.ChargeMemory(requests).TotalMilliseconds);
        values[1] = chargeId is null || chargeMemoryMs == 0 ? "" : chargeMemoryMs;
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

        return (redisKeys, values);
    }

    /// <summary>The outcome from the script's per-limit results, or 'charged' for a remembered charge id.</summary>
    internal static RateLimitOutcome ReadOutcome(IReadOnlyList<RateLimitRequest> requests, bool allowed, RedisResult perLimit)
    {
        if (perLimit.Resp2Type == ResultType.BulkString)
        {
            return RateLimitOutcome.ChargedBefore(requests);
        }

        var each = (RedisResult[])perLimit!;
        var decisions = new RateLimitDecision[requests.Count];
        for (int i = 0; i < requests.Count; i++)
        {
            var values4 = (RedisResult[])each[i]!;
            var outcome = new Gcra.Outcome((long)values4[0] == 1, 0, (int)(long)values4[1], (long)values4[2], (long)values4[3]);
            decisions[i] = InMemoryGcraRateLimiter.ToDecision(requests[i].Policy, outcome);
        }

        return new RateLimitOutcome(allowed, decisions);
    }
}
