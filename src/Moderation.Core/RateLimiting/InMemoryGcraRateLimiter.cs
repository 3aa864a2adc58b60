namespace Moderation.Core.RateLimiting;

/// <summary>
/// GCRA in process memory: exact for one instance, shared with nobody. The embedded default
/// when no Redis is configured, and the fallback of fail-open limits when Redis is down.
/// </summary>
public sealed class InMemoryGcraRateLimiter(TimeProvider timeProvider) : IRateLimiter
{
    // Subjects whose TAT has passed hold full quota and carry no information; sweeping them
    // every so many calls keeps memory proportional to the recently active subjects.
    private const int SweepEvery = 4096;

    private readonly Dictionary<(string Policy, string Subject), long> _tats = [];
    private readonly Dictionary<string, long> _chargedUntil = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private int _callsSinceSweep;

    public ValueTask<RateLimitOutcome> TryAcquireAsync(IReadOnlyList<RateLimitRequest> requests, string? chargeId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requests);
        cancellationToken.ThrowIfCancellationRequested();
        long now = (long)(timeProvider.GetUtcNow() - DateTimeOffset.UnixEpoch).TotalMicroseconds;
        var outcomes = new Gcra.Outcome[requests.Count];
        var decisions = new RateLimitDecision[requests.Count];
        lock (_gate)
        {
            if (chargeId is not null && _chargedUntil.TryGetValue(chargeId, out long until) && until > now)
            {
                return ValueTask.FromResult(RateLimitOutcome.ChargedBefore(requests));
            }

            bool allowed = true;
            for (int i = 0; i < requests.Count; i++)
            {
                var (policy, subject, cost) = requests[i];
                outcomes[i] = Gcra.Evaluate(now, _tats.TryGetValue((policy.Name, subject), out long tat) ? tat : null, policy, cost);
                allowed &= outcomes[i].IsAllowed || policy.Shadow;
                decisions[i] = ToDecision(policy, outcomes[i]);
            }

            if (allowed)
            {
                if (chargeId is not null)
                {
                    _chargedUntil[chargeId] = now + (long)RateLimitOutcome.ChargeMemory(requests).TotalMicroseconds;
                }

                for (int i = 0; i < requests.Count; i++)
                {
                    if (outcomes[i].IsAllowed)
                    {
                        _tats[(requests[i].Policy.Name, requests[i].Subject)] = outcomes[i].NewTat;
                    }
                }
            }

            SweepNowAndThen(now);
            return ValueTask.FromResult(new RateLimitOutcome(allowed, decisions));
        }
    }

    /// <summary>The decision a GCRA outcome means for a policy; shared with the Redis limiter.</summary>
    public static RateLimitDecision ToDecision(RateLimitPolicy policy, Gcra.Outcome outcome)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return new RateLimitDecision(
            policy.Name,
            policy.SubjectKind,
            outcome.IsAllowed,
            outcome.Remaining,
            TimeSpan.FromMicroseconds(outcome.RetryAfterMicroseconds),
            TimeSpan.FromMicroseconds(outcome.ResetAfterMicroseconds),
            policy.Shadow);
    }

    private void SweepNowAndThen(long now)
    {
        if (++_callsSinceSweep < SweepEvery)
        {
            return;
        }

        _callsSinceSweep = 0;
        foreach (var (key, tat) in _tats)
        {
            if (tat <= now)
            {
                _tats.Remove(key);
            }
        }

        foreach (var (id, until) in _chargedUntil)
        {
            if (until <= now)
            {
                _chargedUntil.Remove(id);
            }
        }
    }
}
