using Moderation.Core.RateLimiting;
using StackExchange.Redis;

namespace Moderation.Redis.RateLimiting;

/// <summary>
/// GCRA in Redis: one small key per (limit, subject) holding the theoretical arrival time,
/// expiring when the subject's quota is full again. Exact across every instance sharing Redis.
/// </summary>
public sealed class RedisGcraRateLimiter(IConnectionMultiplexer redis, RedisKeys keys) : IRateLimiter
{
    private readonly IDatabase _db = redis.GetDatabase();

    public async ValueTask<RateLimitDecision> TryAcquireAsync(RateLimitPolicy policy, string subject, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var result = await RedisCalls.RunAsync(async () => (RedisResult[])(await RedisScripts.AcquireGcra.EvaluateAsync(_db, new
        {
            key = keys.RateLimit(policy.Name, subject),
            interval = policy.EmissionIntervalMicroseconds,
            tolerance = policy.BurstToleranceMicroseconds,
            cost = 1,
        }).ConfigureAwait(false))!, cancellationToken).ConfigureAwait(false);
        return new RateLimitDecision(
            policy.Name,
            policy.SubjectKind,
            IsAllowed: (long)result[0] == 1,
            Remaining: (int)(long)result[1],
            RetryAfter: TimeSpan.FromMicroseconds((long)result[2]),
            ResetAfter: TimeSpan.FromMicroseconds((long)result[3]));
    }
}
