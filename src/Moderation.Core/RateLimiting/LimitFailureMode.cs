namespace Moderation.Core.RateLimiting;

/// <summary>What a limit does when the shared store is slow or down.</summary>
public enum LimitFailureMode
{
    /// <summary>Fall back to an in-process limiter at the limit's rate divided by the instance count.</summary>
    Open,

    /// <summary>Refuse the submission with UNAVAILABLE.</summary>
    Closed,
}
