using Moderation.Core.RateLimiting;
using Moderation.Redis.RateLimiting;
using Moderation.Testing;

namespace Moderation.Redis.Tests;

[Collection(SharedRedisServer.Name)]
public sealed class RedisGcraRateLimiterTests(RedisServerFixture redis) : RateLimiterContract
{
    protected override IRateLimiter CreateLimiter() =>
        new RedisGcraRateLimiter(redis.Connection, new RedisKeys(RedisServerFixture.UniquePrefix()));

    [Fact]
    public async Task TryAcquire_StoresOneKeyThatExpiresWhenQuotaIsFull()
    {
        string prefix = RedisServerFixture.UniquePrefix();
        var keys = new RedisKeys(prefix);
        var limiter = new RedisGcraRateLimiter(redis.Connection, keys);
        var policy = new RateLimitPolicy("author", "author", 5, TimeSpan.FromMinutes(1), 5);

        await limiter.TryAcquireAsync(policy, "u1", default);
        await limiter.TryAcquireAsync(policy, "u1", default);

        var db = redis.Connection.GetDatabase();
        var ttl = await db.KeyTimeToLiveAsync(keys.RateLimit("author", "u1"));
        Assert.NotNull(ttl);
        Assert.InRange(ttl.Value, TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(24));
        Assert.Equal($"{prefix}:{{wf}}:rl:author:u1", (string)keys.RateLimit("author", "u1")!);

        // One slot with the comments, so one script charges the limits and stores the comment.
        Assert.Equal(redis.Connection.HashSlot(keys.RateLimit("author", "u1")), redis.Connection.HashSlot(keys.RateLimit("ip", "203.0.113.0")));
        Assert.Equal(redis.Connection.HashSlot(keys.RateLimit("author", "u1")), redis.Connection.HashSlot(keys.Comment("c-1")));
    }

    [Fact]
    public async Task TryAcquire_CallerClock_JudgesTimeByTheCallerNotRedis()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        var limiter = new RedisGcraRateLimiter(redis.Connection, new RedisKeys(RedisServerFixture.UniquePrefix()), clock);
        var policy = new RateLimitPolicy("author", "author", 1, TimeSpan.FromHours(1), 1);
        Assert.True((await limiter.TryAcquireAsync(policy, "u1", default)).IsAllowed);
        Assert.False((await limiter.TryAcquireAsync(policy, "u1", default)).IsAllowed);

        clock.Advance(TimeSpan.FromHours(1));

        Assert.True((await limiter.TryAcquireAsync(policy, "u1", default)).IsAllowed);
    }

    [Fact]
    public async Task TryAcquire_KeyMemory_StaysSmallPerSubject()
    {
        var keys = new RedisKeys(RedisServerFixture.UniquePrefix());
        var limiter = new RedisGcraRateLimiter(redis.Connection, keys);
        var policy = new RateLimitPolicy("author", "author", 5, TimeSpan.FromMinutes(1), 5);
        await limiter.TryAcquireAsync(policy, "author-with-a-typical-id-123456", default);

        var bytes = (long)await redis.Connection.GetDatabase().ExecuteAsync("MEMORY", "USAGE", keys.RateLimit("author", "author-with-a-typical-id-123456"));

        // One string with a TTL: measured at 104 bytes on Redis 7.0 (docs/benchmarks.md).
        Assert.InRange(bytes, 1, 128);
    }

    [Fact]
    public async Task TryAcquire_TwoInstancesSharingRedis_ShareOneQuota()
    {
        var keys = new RedisKeys(RedisServerFixture.UniquePrefix());
        await using var second = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(redis.Configuration);
        var a = new RedisGcraRateLimiter(redis.Connection, keys);
        var b = new RedisGcraRateLimiter(second, keys);
        var policy = new RateLimitPolicy("author", "author", 5, TimeSpan.FromMinutes(1), 5);

        var calls = Enumerable.Range(0, 32).Select(i => Task.Run(async () => await (i % 2 == 0 ? a : b).TryAcquireAsync(policy, "u1", default)));
        var decisions = await Task.WhenAll(calls);

        Assert.Equal(5, decisions.Count(d => d.IsAllowed));
    }
}
