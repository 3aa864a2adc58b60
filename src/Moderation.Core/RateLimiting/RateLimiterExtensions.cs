namespace Moderation.Core.RateLimiting;

public static class RateLimiterExtensions
{
    /// <summary>Takes one permit of one limit.</summary>
    public static async ValueTask<RateLimitDecision> TryAcquireAsync(this IRateLimiter limiter, RateLimitPolicy policy, string subject, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(limiter);
        var outcome = await limiter.TryAcquireAsync([new RateLimitRequest(policy, subject)], cancellationToken).ConfigureAwait(false);
        return outcome.Decisions[0];
    }
}
