namespace Moderation.Core.RateLimiting;

/// <summary>
/// The answer for all the limits of one submission, taken together: either every non-shadow
/// limit allowed it and all were charged, or none was charged.
/// </summary>
public sealed record RateLimitOutcome(bool IsAllowed, IReadOnlyList<RateLimitDecision> Decisions)
{
    /// <summary>The answer for a charge id charged already: allowed, nothing charged again.</summary>
    public static RateLimitOutcome ChargedBefore(IReadOnlyList<RateLimitRequest> requests)
    {
        ArgumentNullException.ThrowIfNull(requests);
        return new(true, requests.Select(r => new RateLimitDecision(r.Policy.Name, r.Policy.SubjectKind, true, 0, TimeSpan.Zero, TimeSpan.Zero, r.Policy.Shadow)).ToArray());
    }

    /// <summary>How long a charge id is remembered: the longest period among the limits it was charged to.</summary>
    public static TimeSpan ChargeMemory(IReadOnlyList<RateLimitRequest> requests)
    {
        ArgumentNullException.ThrowIfNull(requests);
        return requests.Count == 0 ? TimeSpan.Zero : requests.Max(r => r.Policy.Period);
    }

    /// <summary>The refusal to report: the non-shadow limit that frees up last.</summary>
    public RateLimitDecision? Refusal =>
        IsAllowed ? null : Decisions.Where(d => !d.IsAllowed && !d.Shadow).MaxBy(d => d.RetryAfter);
}
