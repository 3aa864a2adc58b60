namespace Moderation.Core.RateLimiting;

/// <summary>Takes permits from subjects' quotas, atomically across every instance that shares the store.</summary>
public interface IRateLimiter
{
    /// <summary>
    /// Takes the permits of every request at once, or none: a submission refused by any
    /// non-shadow limit consumes nothing from the others. Shadow limits are charged when they
    /// have room and reported, but never refuse.
    /// </summary>
    ValueTask<RateLimitOutcome> TryAcquireAsync(IReadOnlyList<RateLimitRequest> requests, CancellationToken cancellationToken);
}
