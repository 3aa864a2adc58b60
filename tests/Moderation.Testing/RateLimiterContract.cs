using Moderation.Core.RateLimiting;
using Xunit;

namespace Moderation.Testing;

/// <summary>
/// What every <see cref="IRateLimiter"/> must do. Limits here are slow (one permit per 12 s or
/// slower), so no permit can come back while a test runs, whichever clock the limiter reads.
/// </summary>
public abstract class RateLimiterContract
{
    /// <summary>A limiter whose state no other test shares.</summary>
    protected abstract IRateLimiter CreateLimiter();

    protected static readonly RateLimitPolicy FivePerMinute = new("author", "author", permitLimit: 5, TimeSpan.FromMinutes(1), burst: 5);

    /// <summary>Takes the whole burst of <see cref="FivePerMinute"/> for a subject.</summary>
    protected static async Task ExhaustAsync(IRateLimiter limiter, string subject)
    {
        for (int i = 0; i < FivePerMinute.Burst; i++)
        {
            Assert.True((await limiter.TryAcquireAsync(FivePerMinute, subject, default)).IsAllowed);
        }
    }

    [Fact]
    public async Task TryAcquire_SameChargeIdAskedConcurrently_IsChargedOnce()
    {
        var limiter = CreateLimiter();
        RateLimitRequest[] request = [new(FivePerMinute, "u1")];

        var retries = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => Task.Run(async () => await limiter.TryAcquireAsync(request, "comment-1", default))));
        var others = new List<bool>();
        for (int i = 0; i < 5; i++)
        {
            others.Add((await limiter.TryAcquireAsync(request, $"comment-other-{i}", default)).IsAllowed);
        }

        Assert.All(retries, r => Assert.True(r.IsAllowed));
        Assert.Equal([true, true, true, true, false], others);
    }

    [Fact]
    public async Task TryAcquire_RefusedChargeId_IsNotRememberedAsCharged()
    {
        var limiter = CreateLimiter();
        await ExhaustAsync(limiter, "u1");
        RateLimitRequest[] request = [new(FivePerMinute, "u1")];

        var first = await limiter.TryAcquireAsync(request, "comment-1", default);
        var again = await limiter.TryAcquireAsync(request, "comment-1", default);

        Assert.False(first.IsAllowed);
        Assert.False(again.IsAllowed);
    }

    [Fact]
    public async Task TryAcquire_WithinBurst_AllowsAndCountsDown()
    {
        var limiter = CreateLimiter();
        var remaining = new List<int>();
        for (int i = 0; i < 5; i++)
        {
            var decision = await limiter.TryAcquireAsync(FivePerMinute, "u1", default);
            Assert.True(decision.IsAllowed);
            remaining.Add(decision.Remaining);
        }

        Assert.Equal([4, 3, 2, 1, 0], remaining);
    }

    [Fact]
    public async Task TryAcquire_SixthInAMinute_IsRefusedWithRetryAfterOneInterval()
    {
        var limiter = CreateLimiter();
        await ExhaustAsync(limiter, "u1");

        var refused = await limiter.TryAcquireAsync(FivePerMinute, "u1", default);

        Assert.False(refused.IsAllowed);
        Assert.Equal("author", refused.PolicyName);
        Assert.InRange(refused.RetryAfter, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(12));
        Assert.InRange(refused.ResetAfter, TimeSpan.FromSeconds(55), TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task TryAcquire_OtherSubject_HasItsOwnQuota()
    {
        var limiter = CreateLimiter();
        await ExhaustAsync(limiter, "u1");

        Assert.True((await limiter.TryAcquireAsync(FivePerMinute, "u2", default)).IsAllowed);
    }

    [Fact]
    public async Task TryAcquire_Refusals_ConsumeNothing()
    {
        var limiter = CreateLimiter();
        var onePerHour = new RateLimitPolicy("slow", "author", permitLimit: 1, TimeSpan.FromHours(1), burst: 2);
        await limiter.TryAcquireAsync(onePerHour, "u1", default);
        await limiter.TryAcquireAsync(onePerHour, "u1", default);

        var first = await limiter.TryAcquireAsync(onePerHour, "u1", default);
        for (int i = 0; i < 5; i++)
        {
            await limiter.TryAcquireAsync(onePerHour, "u1", default);
        }

        var later = await limiter.TryAcquireAsync(onePerHour, "u1", default);

        // Had refusals been charged, the wait would have grown by an hour each time.
        Assert.False(later.IsAllowed);
        Assert.InRange(later.RetryAfter, first.RetryAfter - TimeSpan.FromSeconds(5), first.RetryAfter);
    }

    [Fact]
    public async Task TryAcquire_OneLimitRefuses_ChargesNoneOfTheOthers()
    {
        var limiter = CreateLimiter();
        var perIp = new RateLimitPolicy("ip", "ip", 2, TimeSpan.FromHours(1), 2);
        await ExhaustAsync(limiter, "u1");

        var refused = await limiter.TryAcquireAsync([new RateLimitRequest(FivePerMinute, "u1"), new RateLimitRequest(perIp, "10.0.0.1")], default);
        var ipAfter = await limiter.TryAcquireAsync(perIp, "10.0.0.1", default);

        Assert.False(refused.IsAllowed);
        Assert.Equal("author", refused.Refusal!.PolicyName);
        Assert.True(refused.Decisions[1].IsAllowed);
        Assert.Equal(1, ipAfter.Remaining);
    }

    [Fact]
    public async Task TryAcquire_AllLimitsAllow_ChargesEachOnce()
    {
        var limiter = CreateLimiter();
        var perIp = new RateLimitPolicy("ip", "ip", 3, TimeSpan.FromHours(1), 3);

        var outcome = await limiter.TryAcquireAsync([new RateLimitRequest(FivePerMinute, "u1"), new RateLimitRequest(perIp, "10.0.0.1")], default);

        Assert.True(outcome.IsAllowed);
        Assert.Equal([4, 2], outcome.Decisions.Select(d => d.Remaining));
    }

    [Fact]
    public async Task TryAcquire_ShadowLimitOver_IsReportedButNeverRefuses()
    {
        var limiter = CreateLimiter();
        var shadow = new RateLimitPolicy("trial", "global", 1, TimeSpan.FromHours(1), 1, shadow: true);
        await limiter.TryAcquireAsync(shadow, "all", default);

        var outcome = await limiter.TryAcquireAsync([new RateLimitRequest(FivePerMinute, "u1"), new RateLimitRequest(shadow, "all")], default);

        Assert.True(outcome.IsAllowed);
        Assert.False(outcome.Decisions[1].IsAllowed);
        Assert.True(outcome.Decisions[1].Shadow);
        Assert.Null(outcome.Refusal);
    }

    [Fact]
    public async Task TryAcquire_CostTwo_TakesTwoPermits()
    {
        var limiter = CreateLimiter();

        var outcome = await limiter.TryAcquireAsync([new RateLimitRequest(FivePerMinute, "u1", Cost: 2)], default);
        var afterTwoMore = await limiter.TryAcquireAsync([new RateLimitRequest(FivePerMinute, "u1", Cost: 2)], default);
        var overBudget = await limiter.TryAcquireAsync([new RateLimitRequest(FivePerMinute, "u1", Cost: 2)], default);

        Assert.Equal(3, outcome.Decisions[0].Remaining);
        Assert.Equal(1, afterTwoMore.Decisions[0].Remaining);
        Assert.False(overBudget.IsAllowed);
    }

    [Fact]
    public async Task TryAcquire_ConcurrentCallers_AdmitExactlyTheBurst()
    {
        var limiter = CreateLimiter();
        var calls = Enumerable.Range(0, 40).Select(_ => Task.Run(async () => await limiter.TryAcquireAsync(FivePerMinute, "crowd", default)));

        var decisions = await Task.WhenAll(calls);

        Assert.Equal(5, decisions.Count(d => d.IsAllowed));
    }
}
