namespace Moderation.Core.RateLimiting;

/// <summary>One limit to take permits from for one subject; <see cref="Cost"/> permits at once.</summary>
public readonly record struct RateLimitRequest(RateLimitPolicy Policy, string Subject, int Cost = 1);
