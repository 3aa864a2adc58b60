namespace Moderation.Core.RateLimiting;

/// <summary>
/// The answer for all the limits of one submission, taken together: either every non-shadow
/// limit allowed it and all were charged, or none was charged.
/// </summary>
public sealed record RateLimitOutcome(bool IsAllowed, IReadOnlyList<RateLimitDecision> Decisions)
{
    /// <summary>The refusal to report: the non-shadow limit that frees up last.</summary>
    public RateLimitDecision? Refusal =>
        IsAllowed ? null : Decisions.Where(d => !d.IsAllowed && !d.Shadow).MaxBy(d => d.RetryAfter);
}
