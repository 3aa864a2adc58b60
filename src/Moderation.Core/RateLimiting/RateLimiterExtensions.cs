namespace Moderation.Core.RateLimiting;

public static class RateLimiterExtensions
{
    /// <summary>Takes one permit of one limit.</summary>
    public static ValueTask<RateLimitDecision> TryAcquireAsync(this IRateLimiter limiter, RateLimitPolicy policy, string subject, CancellationToken cancellationToken) =>
        limiter.TryAcquireAsync(policy, subject, chargeId: null, cancellationToken);

    /// <summary>Takes one permit of one limit, once per <paramref name="chargeId"/> (a call with a charged id is allowed and charges nothing).</summary>
    public static async ValueTask<RateLimitDecision> TryAcquireAsync(this IRateLimiter limiter, RateLimitPolicy policy, string subject, string? chargeId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(limiter);
        var outcome = await limiter.TryAcquireAsync([new RateLimitRequest(policy, subject)], chargeId, cancellationToken).ConfigureAwait(false);
        return outcome.Decisions[0];
    }

    /// <summary>Takes the permits of every request at once, or none, charging every call.</summary>
    public static ValueTask<RateLimitOutcome> TryAcquireAsync(this IRateLimiter limiter, IReadOnlyList<RateLimitRequest> requests, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(limiter);
        return limiter.TryAcquireAsync(requests, null, cancellationToken);
    }
}
