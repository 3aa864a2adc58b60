using Moderation.Core.RateLimiting;

namespace Moderation.Testing;

/// <summary>A shared limiter that never answers, as Redis does when a network partition swallows the request.</summary>
public sealed class SilentRateLimiter : IRateLimiter
{
    public async ValueTask<RateLimitOutcome> TryAcquireAsync(IReadOnlyList<RateLimitRequest> requests, string? chargeId, CancellationToken cancellationToken)
    {
        await Task.Delay(Timeout.Infinite, cancellationToken);
        throw new InvalidOperationException("Unreachable: the delay ends only by cancellation.");
    }
}
