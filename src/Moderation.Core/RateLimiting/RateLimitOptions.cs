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

    /// <summary>How long a check may wait for Redis before the failure modes apply; 1 ms to 10 s. Default 50 ms.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:00:10")]
    public TimeSpan FailureBudget { get; set; } = TimeSpan.FromMilliseconds(50);

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
