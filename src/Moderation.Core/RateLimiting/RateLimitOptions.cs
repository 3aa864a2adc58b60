using System.ComponentModel.DataAnnotations;

namespace Moderation.Core.RateLimiting;

/// <summary>The submission limits (configuration section <c>RateLimits</c>).</summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "RateLimits";

    /// <summary>The limits every submission is checked against, together.</summary>
    public List<LimitOptions> Limits { get; set; } = [];

    /// <summary>The IPv6 prefix one address limit covers; 32 to 128. Default 64 (one subscriber's network).</summary>
    [Range(32, 128)]
    public int Ipv6PrefixLength { get; set; } = 64;

    /// <summary>
    /// How long a check waits for Redis before it counts as failed and the failure modes apply;
    /// 1 ms to 10 s. Default 500 ms: long enough that a busy Redis or a saturated CPU is waited
    /// for (a slow answer is exact, a fallback is not), short enough that a lost network answers
    /// within a caller's deadline. A connection known to be down fails at once.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:00:10")]
    public TimeSpan FailureBudget { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Consecutive failed checks after which checks stop asking Redis for <see cref="CircuitOpenFor"/>; 1 to 100. Default 3.</summary>
    [Range(1, 100)]
    public int CircuitBreakAfter { get; set; } = 3;

    /// <summary>How long an opened circuit sends every check to the failure modes before Redis is tried again; 100 ms to 5 minutes. Default 5 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan CircuitOpenFor { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How many instances share the limits; fail-open fallbacks divide the rates by it. 1 to 1,000. Default 1.</summary>
    [Range(1, 1_000)]
    public int InstanceCount { get; set; } = 1;

    /// <summary>Use this service's clock instead of Redis's (for Redis services that refuse TIME in scripts). Default false.</summary>
    public bool UseCallerClock { get; set; }

    /// <summary>Every problem of the limits list, for start-up validation.</summary>
    public IEnumerable<string> Problems()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < Limits.Count; i++)
        {
            var results = new List<ValidationResult>();
            Validator.TryValidateObject(Limits[i], new ValidationContext(Limits[i]), results, validateAllProperties: true);
            foreach (var result in results)
            {
                yield return $"RateLimits:Limits:{i}: {result.ErrorMessage}";
            }

            if (!names.Add(Limits[i].Name))
            {
                yield return $"RateLimits:Limits:{i}: the name '{Limits[i].Name}' is used twice.";
            }
        }
    }
}
