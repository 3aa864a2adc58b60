using Microsoft.Extensions.Logging.Abstractions;
using Moderation.Core.Comments;
using Moderation.Core.Errors;
using Moderation.Core.RateLimiting;
using Moderation.Core.Rules;
using Moderation.Redis.RateLimiting;
using Moderation.Testing;
using StackExchange.Redis;

namespace Moderation.Redis.Tests;

/// <summary>The fixture's own redis-server is stopped: fail-open limits fall back, fail-closed ones refuse.</summary>
public sealed class LimiterFailureModeTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    private static readonly CommentSubmission Submission = new("c1", "a1", new AuthorProfile("u1"), "Hello", IpAddress: "203.0.113.7");

    private static SubmissionRateLimiter Limiter(IConnectionMultiplexer connection, LimitFailureMode mode)
    {
        var options = new RateLimitOptions { Limits = [new LimitOptions { Name = "author", PermitLimit = 2, FailureMode = mode }], InstanceCount = 1 };
        return new SubmissionRateLimiter(
            new RedisGcraRateLimiter(connection, new RedisKeys(RedisServerFixture.UniquePrefix())),
            new SubmissionLimits(options),
            options,
            TimeProvider.System,
            NullLogger<SubmissionRateLimiter>.Instance);
    }

    [Fact]
    public async Task Acquire_RedisStopped_FailOpenFallsBackAndFailClosedRefuses()
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.Configuration);
        var open = Limiter(connection, LimitFailureMode.Open);
        var closed = Limiter(connection, LimitFailureMode.Closed);
        var context = new EvaluationContext(DateTimeOffset.UtcNow);
        // A limiter of its own takes the first call's cost (the script's first load, the code's
        // first run), which on a busy machine can outlast the failure budget and read as Redis down.
        await Limiter(connection, LimitFailureMode.Open).AcquireAsync(Submission, context, Guid.NewGuid().ToString("N"), default);
        Assert.True((await open.AcquireAsync(Submission, context, Guid.NewGuid().ToString("N"), default)).IsAllowed);
        Assert.False(open.IsDegraded);

        await redis.StopAsync();
        try
        {
            var fallback = await open.AcquireAsync(Submission, context, Guid.NewGuid().ToString("N"), default);
            await Assert.ThrowsAsync<StorageUnavailableException>(() => closed.AcquireAsync(Submission, context, Guid.NewGuid().ToString("N"), default));

            Assert.True(fallback.IsAllowed);
            Assert.True(open.IsDegraded);
            Assert.True(closed.IsDegraded);
        }
        finally
        {
            await redis.StartAsync();
        }
    }
}
