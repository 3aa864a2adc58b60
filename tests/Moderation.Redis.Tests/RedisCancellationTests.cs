using System.Diagnostics;
using Moderation.Core.Errors;
using Moderation.Core.RateLimiting;
using Moderation.Redis.Comments;
using Moderation.Redis.RateLimiting;
using Moderation.Testing;
using StackExchange.Redis;

namespace Moderation.Redis.Tests;

/// <summary>
/// A caller's cancellation (a gRPC deadline, a client gone) ends the wait for Redis at once,
/// rather than holding the request until the client library's own timeout. Runs on a server of
/// its own: CLIENT PAUSE would stall every other test.
/// </summary>
public sealed class RedisCancellationTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    private async Task<IConnectionMultiplexer> PausedRedisAsync(TimeSpan pause)
    {
        // The pause starts after this reply; a long library timeout makes a missed cancellation
        // show as a slow call rather than as a timeout that happens to look similar.
        var connection = await ConnectionMultiplexer.ConnectAsync(redis.Configuration + ",allowAdmin=true,asyncTimeout=10000,syncTimeout=10000");
        await connection.GetDatabase().ExecuteAsync("CLIENT", "PAUSE", ((long)pause.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture), "ALL");
        return connection;
    }

    [Fact]
    public async Task Get_CancelledWhileRedisIsPaused_StopsWaitingAtOnce()
    {
        await using var connection = await PausedRedisAsync(TimeSpan.FromSeconds(3));
        var store = new RedisCommentStore(connection, new RedisKeys(RedisServerFixture.UniquePrefix()));
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        var watch = Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.GetAsync("c-1", cancellation.Token));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"Cancellation took {watch.Elapsed}; the pause lasts 3 s.");
    }

    [Fact]
    public async Task TryAcquire_AlreadyCancelled_NeverReachesRedis()
    {
        var keys = new RedisKeys(RedisServerFixture.UniquePrefix());
        var limiter = new RedisGcraRateLimiter(redis.Connection, keys);
        var policy = new RateLimitPolicy("author", "author", 1, TimeSpan.FromHours(1), 1);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => limiter.TryAcquireAsync(policy, "u1", new CancellationToken(canceled: true)).AsTask());

        // The permit was not taken: the one permit of the hour is still there.
        Assert.True((await limiter.TryAcquireAsync(policy, "u1", default)).IsAllowed);
    }

    [Fact]
    public async Task Get_RedisUnreachable_IsStorageUnavailableNotAHang()
    {
        await using var down = await ConnectionMultiplexer.ConnectAsync("127.0.0.1:1,abortConnect=false,connectTimeout=200,asyncTimeout=300");
        var store = new RedisCommentStore(down, new RedisKeys("down"));

        await Assert.ThrowsAsync<StorageUnavailableException>(() => store.GetAsync("c-1", default));
    }
}
