namespace Moderation.Core.RateLimiting;

/// <summary>
/// GCRA in process memory: exact for one instance, shared with nobody. The embedded default
/// when no Redis is configured.
/// </summary>
public sealed class InMemoryGcraRateLimiter(TimeProvider timeProvider) : IRateLimiter
{
    // Subjects whose TAT has passed hold full quota and carry no information; sweeping them
    // every so many calls keeps memory proportional to the recently active subjects.
    private const int SweepEvery = 4096;

    private readonly Dictionary<(string Policy, string Subject), long> _tats = [];
    private readonly Lock _gate = new();
    private int _callsSinceSweep;

    public ValueTask<RateLimitDecision> TryAcquireAsync(RateLimitPolicy policy, string subject, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(subject);
        cancellationToken.ThrowIfCancellationRequested();

        long now = (long)(timeProvider.GetUtcNow() - DateTimeOffset.UnixEpoch).TotalMicroseconds;
        var key = (policy.Name, subject);
        Gcra.Outcome outcome;
        lock (_gate)
        {
            outcome = Gcra.Evaluate(now, _tats.TryGetValue(key, out long tat) ? tat : null, policy);
            if (outcome.IsAllowed)
            {
                _tats[key] = outcome.NewTat;
            }

            if (++_callsSinceSweep >= SweepEvery)
            {
                _callsSinceSweep = 0;
                foreach (var (staleKey, staleTat) in _tats)
                {
                    if (staleTat <= now)
                    {
                        _tats.Remove(staleKey);
                    }
                }
            }
        }

        return ValueTask.FromResult(new RateLimitDecision(
            policy.Name,
            policy.SubjectKind,
            outcome.IsAllowed,
            outcome.Remaining,
            TimeSpan.FromMicroseconds(outcome.RetryAfterMicroseconds),
            TimeSpan.FromMicroseconds(outcome.ResetAfterMicroseconds)));
    }
}
