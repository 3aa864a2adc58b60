namespace Moderation.Core.RateLimiting;

/// <summary>Takes permits from subjects' quotas, atomically across every instance that shares the store.</summary>
public interface IRateLimiter
{
    /// <summary>
    /// Takes the permits of every request at once, or none: a submission refused by any
    /// non-shadow limit consumes nothing from the others. Shadow limits are charged when they
    /// have room and reported, but never refuse. With a <paramref name="chargeId"/> (a comment's
    /// id), one id is charged once however often and from however many instances it is asked
    /// within the longest limit's period: later calls are allowed and charge nothing.
    /// </summary>
    ValueTask<RateLimitOutcome> TryAcquireAsync(IReadOnlyList<RateLimitRequest> requests, string? chargeId, CancellationToken cancellationToken);
}
