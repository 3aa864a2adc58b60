using Moderation.Core.RateLimiting;
using Moderation.Redis.RateLimiting;
using Moderation.Testing;
using StackExchange.Redis;

namespace Moderation.Redis.Tests;

/// <summary>
/// What the limiter sends to Redis, counted by Redis itself (INFO commandstats). Its own server:
/// the counters are server-wide.
/// </summary>
public sealed class RedisLimiterRoundTripTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    private static readonly RateLimitRequest[] FiveLimits =
    [
        new(new RateLimitPolicy("author", "author", 5, TimeSpan.FromMinutes(1), 5), "u1"),
        new(new RateLimitPolicy("new-author", "author", 2, TimeSpan.FromMinutes(1), 2), "u1"),
        new(new RateLimitPolicy("ip", "ip", 30, TimeSpan.FromMinutes(1), 30), "203.0.113.7"),
        new(new RateLimitPolicy("article", "article", 600, TimeSpan.FromMinutes(1), 100), "a1"),
        new(new RateLimitPolicy("global", "global", 6000, TimeSpan.FromMinutes(1), 6000, shadow: true), "all"),
    ];

    private async Task<Dictionary<string, long>> CommandCallsAsync()
    {
        await using var admin = await ConnectionMultiplexer.ConnectAsync(redis.Configuration + ",allowAdmin=true");
        var server = admin.GetServer(admin.GetEndPoints()[0]);
        var section = (await server.InfoAsync("commandstats")).Single();
        return section.ToDictionary(
            entry => entry.Key.Replace("cmdstat_", "", StringComparison.Ordinal),
            entry => long.Parse(entry.Value.Split(',')[0].Split('=')[1], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task TryAcquire_FiveLimits_IsOneEvalshaRoundTrip()
    {
        var limiter = new RedisGcraRateLimiter(redis.Connection, new RedisKeys(RedisServerFixture.UniquePrefix()));
        await limiter.TryAcquireAsync([FiveLimits[0] with { Subject = "warm-up" }], default);
        var before = await CommandCallsAsync();

        var outcome = await limiter.TryAcquireAsync(FiveLimits, default);
        var after = await CommandCallsAsync();

        Assert.True(outcome.IsAllowed);
        Assert.Equal(1, after.GetValueOrDefault("evalsha") - before.GetValueOrDefault("evalsha"));
        Assert.Equal(before.GetValueOrDefault("eval"), after.GetValueOrDefault("eval"));
    }

    [Fact]
    public async Task TryAcquire_ScriptFlushedFromRedis_IsLoadedAgainAndAnswers()
    {
        var limiter = new RedisGcraRateLimiter(redis.Connection, new RedisKeys(RedisServerFixture.UniquePrefix()));
        await limiter.TryAcquireAsync(FiveLimits, default);
        await using var admin = await ConnectionMultiplexer.ConnectAsync(redis.Configuration + ",allowAdmin=true");
        await admin.GetServer(admin.GetEndPoints()[0]).ScriptFlushAsync();

        var outcome = await limiter.TryAcquireAsync(FiveLimits, default);

        Assert.True(outcome.IsAllowed);
        Assert.Equal(3, outcome.Decisions[0].Remaining);
    }
}
