using System.ComponentModel.DataAnnotations;

namespace Moderation.Core.RateLimiting;

/// <summary>One named limit (an item of <c>RateLimits:Limits</c>).</summary>
public sealed class LimitOptions
{
    /// <summary>The limit's name, reported in refusals; 1 to 32 of a-z, 0-9, '-', '_'.</summary>
    [Required]
    [RegularExpression("^[a-z0-9_-]{1,32}$")]
    public string Name { get; set; } = "";

    /// <summary>What the limit counts per. Default Author.</summary>
    public LimitDimension Dimension { get; set; } = LimitDimension.Author;

    /// <summary>Comments per <see cref="Period"/>; 1 to 1,000,000.</summary>
    [Range(1, 1_000_000)]
    public int PermitLimit { get; set; } = 5;

    /// <summary>1 second to 7 days. Default 1 minute.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan Period { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Comments that may arrive at once; 0 (the default) means <see cref="PermitLimit"/>; up to 1,000,000.</summary>
    [Range(0, 1_000_000)]
    public int Burst { get; set; }

    /// <summary>Permits a comment with a link takes; 1 to 100. Default 1.</summary>
    [Range(1, 100)]
    public int LinkCost { get; set; } = 1;

    /// <summary>Counted and reported, never refuses.</summary>
    public bool Shadow { get; set; }

    /// <summary>What happens when Redis cannot answer within the failure budget. Default Open.</summary>
    public LimitFailureMode FailureMode { get; set; } = LimitFailureMode.Open;

    /// <summary>Applies only to accounts younger than this (for stricter limits on new accounts); unset applies to all.</summary>
    public TimeSpan? AccountAgeBelow { get; set; }

    /// <summary>Trusted authors are exempt. Default true.</summary>
    public bool ExemptTrusted { get; set; } = true;

    public RateLimitPolicy ToPolicy() =>
        new(Name, Dimension.ToString().ToLowerInvariant(), PermitLimit, Period, Burst == 0 ? PermitLimit : Burst, Shadow, FailureMode);
}
