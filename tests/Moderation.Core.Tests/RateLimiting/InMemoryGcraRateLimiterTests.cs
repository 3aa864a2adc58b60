using Microsoft.Extensions.Time.Testing;
using Moderation.Core.RateLimiting;
using Moderation.Testing;

namespace Moderation.Core.Tests.RateLimiting;

public sealed class InMemoryGcraRateLimiterTests : RateLimiterContract
{
    private readonly FakeTimeProvider _time = new(TestComments.Epoch);

    protected override IRateLimiter CreateLimiter() => new InMemoryGcraRateLimiter(_time);

    [Fact]
    public async Task TryAcquire_AfterOneInterval_AllowsExactlyOneMore()
    {
        var limiter = CreateLimiter();
        await ExhaustAsync(limiter, "u1");

        _time.Advance(TimeSpan.FromSeconds(12));

        Assert.True((await limiter.TryAcquireAsync(FivePerMinute, "u1", default)).IsAllowed);
        Assert.False((await limiter.TryAcquireAsync(FivePerMinute, "u1", default)).IsAllowed);
    }

    [Fact]
    public async Task TryAcquire_JustBeforeRetryAfter_IsStillRefused()
    {
        var limiter = CreateLimiter();
        await ExhaustAsync(limiter, "u1");

        var refused = await limiter.TryAcquireAsync(FivePerMinute, "u1", default);
        _time.Advance(refused.RetryAfter - TimeSpan.FromMilliseconds(1));

        Assert.False((await limiter.TryAcquireAsync(FivePerMinute, "u1", default)).IsAllowed);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True((await limiter.TryAcquireAsync(FivePerMinute, "u1", default)).IsAllowed);
    }

    [Fact]
    public async Task TryAcquire_AfterAQuietPeriod_HasTheFullBurstAgain()
    {
        var limiter = CreateLimiter();
        await ExhaustAsync(limiter, "u1");

        _time.Advance(TimeSpan.FromHours(1));
        int allowed = 0;
        for (int i = 0; i < 10; i++)
        {
            allowed += (await limiter.TryAcquireAsync(FivePerMinute, "u1", default)).IsAllowed ? 1 : 0;
        }

        Assert.Equal(5, allowed);
    }
}
