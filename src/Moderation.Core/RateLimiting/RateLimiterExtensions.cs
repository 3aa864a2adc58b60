namespace Moderation.Core.RateLimiting;

public static class RateLimiterExtensions
{
    /// <summary>Takes one permit of one limit.</summary>
    public static async ValueTask<RateLimitDecision> TryAcquireAsync(this IRateLimiter limiter, RateLimitPolicy policy, string subject, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(limiter);
        var outcome = await limiter.TryAcquireAsync([new RateLimitRequest(policy, subject)], null, cancellationToken).ConfigureAwait(false);
        return outcome.Decisions[0];
    }

    /// <summary>Takes the permits of every request at once, or none, charging every call.</summary>
    public static ValueTask<RateLimitOutcome> TryAcquireAsync(this IRateLimiter limiter, IReadOnlyList<RateLimitRequest> requests, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(limiter);
        return limiter.TryAcquireAsync(requests, null, cancellationToken);
    }
}
