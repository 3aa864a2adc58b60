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
    private readonly IDatabase _db = redis.GetDatabase();

    public async ValueTask<RateLimitOutcome> TryAcquireAsync(IReadOnlyList<RateLimitRequest> requests, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var redisKeys = new RedisKey[requests.Count];
        var values = new RedisValue[1 + (requests.Count * 4)];

        // Redis's clock by default; the caller's only for Redis services that refuse TIME in scripts.
        values[0] = callerClock is null ? "" : ((long)(callerClock.GetUtcNow() - DateTimeOffset.UnixEpoch).TotalMicroseconds).ToString(CultureInfo.InvariantCulture);
        for (int i = 0; i < requests.Count; i++)
        {
            var (policy, subject, cost) = requests[i];
            redisKeys[i] = keys.RateLimit(policy.Name, subject);
            values[1 + (i * 4)] = policy.EmissionIntervalMicroseconds;
            values[2 + (i * 4)] = policy.BurstToleranceMicroseconds;
            values[3 + (i * 4)] = cost;
            values[4 + (i * 4)] = policy.Shadow ? "1" : "0";
        }

        var result = await RedisCalls.RunAsync(
            async () => (RedisResult[])(await RedisScripts.AcquireGcra.EvaluateAsync(_db, redisKeys, values).ConfigureAwait(false))!,
            cancellationToken).ConfigureAwait(false);
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
