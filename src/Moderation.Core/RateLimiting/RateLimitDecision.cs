namespace Moderation.Core.RateLimiting;

/// <summary>The answer of one rate-limit check.</summary>
/// <param name="Remaining">Permits that could still be taken right now.</param>
/// <param name="RetryAfter">Zero when allowed; otherwise when the next permit becomes available.</param>
/// <param name="ResetAfter">When the subject's quota is full again.</param>
public sealed record RateLimitDecision(
    string PolicyName,
    string SubjectKind,
    bool IsAllowed,
    int Remaining,
    TimeSpan RetryAfter,
    TimeSpan ResetAfter,
    bool Shadow = false);
