namespace Moderation.Core.RateLimiting;

/// <summary>
/// A rate in GCRA terms: <see cref="PermitLimit"/> permits per <see cref="Period"/>, of which up
/// to <see cref="Burst"/> may be taken at once. Immutable; built from validated options.
/// </summary>
public sealed record RateLimitPolicy
{
    public RateLimitPolicy(string name, string subjectKind, int permitLimit, TimeSpan period, int burst, bool shadow = false, LimitFailureMode failureMode = LimitFailureMode.Open)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(subjectKind);
        ArgumentOutOfRangeException.ThrowIfLessThan(permitLimit, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(period, TimeSpan.FromMilliseconds(1));
        ArgumentOutOfRangeException.ThrowIfLessThan(burst, 1);
        Name = name;
        SubjectKind = subjectKind;
        PermitLimit = permitLimit;
        Period = period;
        Burst = burst;
        Shadow = shadow;
        FailureMode = failureMode;
    }

    /// <summary>Counted and reported, never refuses: for trying a limit out on real traffic.</summary>
    public bool Shadow { get; }

    /// <summary>What happens when the shared store cannot answer in time.</summary>
    public LimitFailureMode FailureMode { get; }

    /// <summary>The same limit with its rate divided among <paramref name="instances"/> instances, for limiting alone.</summary>
    public RateLimitPolicy PerInstance(int instances) =>
        instances <= 1 ? this : new(Name, SubjectKind, Math.Max(1, PermitLimit / instances), Period, Math.Max(1, Burst / instances), Shadow, FailureMode);

    /// <summary>The limit's name, reported in refusals (google.rpc.QuotaFailure).</summary>
    public string Name { get; }

    /// <summary>What the limit counts per, e.g. "author"; reported without the subject itself.</summary>
    public string SubjectKind { get; }

    public int PermitLimit { get; }

    public TimeSpan Period { get; }

    public int Burst { get; }

    /// <summary>The steady spacing between permits (GCRA's T), in microseconds.</summary>
    public long EmissionIntervalMicroseconds => Math.Max(1, (long)(Period.TotalMicroseconds / PermitLimit));

    /// <summary>How far ahead of now the theoretical arrival time may run (GCRA's τ + T).</summary>
    public long BurstToleranceMicroseconds => EmissionIntervalMicroseconds * Burst;
}
