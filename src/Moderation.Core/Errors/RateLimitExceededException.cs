using Moderation.Core.RateLimiting;

namespace Moderation.Core.Errors;

/// <summary>A submission went over a rate limit; nothing was stored or counted.</summary>
public sealed class RateLimitExceededException(RateLimitDecision decision)
    : ModerationException($"Rate limit '{decision.PolicyName}' exceeded; retry after {decision.RetryAfter.TotalSeconds:0.###} s.")
{
    public RateLimitDecision Decision { get; } = decision;
}
