using System.ComponentModel.DataAnnotations;

namespace Moderation.Core.RateLimiting;

/// <summary>How many comments one author may submit (configuration section <c>RateLimits:Author</c>).</summary>
public sealed class AuthorRateLimitOptions
{
    public const string SectionName = "RateLimits:Author";

    /// <summary>Comments per <see cref="Period"/>; 1 to 1,000,000. Default 5.</summary>
    [Range(1, 1_000_000)]
    public int PermitLimit { get; set; } = 5;

    /// <summary>The period of <see cref="PermitLimit"/>; 1 second to 7 days. Default 1 minute.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan Period { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Comments that may arrive at once; 0 (the default) means <see cref="PermitLimit"/>; up to 1,000,000.</summary>
    [Range(0, 1_000_000)]
    public int Burst { get; set; }

    public RateLimitPolicy ToPolicy() =>
        new("author", "author", PermitLimit, Period, Burst == 0 ? PermitLimit : Burst);
}
