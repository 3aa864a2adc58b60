namespace Moderation.Core.RateLimiting;

/// <summary>Takes permits from a subject's quota, atomically across every instance that shares the store.</summary>
public interface IRateLimiter
{
    /// <summary>Takes one permit for <paramref name="subject"/>; a refusal consumes nothing.</summary>
    ValueTask<RateLimitDecision> TryAcquireAsync(RateLimitPolicy policy, string subject, CancellationToken cancellationToken);
}
