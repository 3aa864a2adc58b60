namespace Moderation.Core.RateLimiting;

/// <summary>
/// The generic cell rate algorithm: one stored number per subject (the theoretical arrival time,
/// TAT), exact over any window, no background refill. The Redis Lua script mirrors this code
/// line for line; keep the two in step.
/// </summary>
public static class Gcra
{
    /// <summary>The result of one evaluation; <see cref="NewTat"/> is to be stored only when allowed.</summary>
    public readonly record struct Outcome(bool IsAllowed, long NewTat, int Remaining, long RetryAfterMicroseconds, long ResetAfterMicroseconds);

    /// <param name="now">The current time in microseconds.</param>
    /// <param name="storedTat">The stored TAT, or null when the subject has no state (full quota).</param>
    public static Outcome Evaluate(long now, long? storedTat, RateLimitPolicy policy, int cost = 1)
    {
        long interval = policy.EmissionIntervalMicroseconds;
        long tolerance = policy.BurstToleranceMicroseconds;
        long tat = Math.Max(storedTat ?? now, now);
        long newTat = tat + (interval * cost);
        long allowAt = newTat - tolerance;
        if (now < allowAt)
        {
            return new Outcome(false, tat, 0, allowAt - now, tat - now);
        }

        int remaining = (int)Math.Min(int.MaxValue, (now - allowAt) / interval);
        return new Outcome(true, newTat, remaining, 0, newTat - now);
    }
}
