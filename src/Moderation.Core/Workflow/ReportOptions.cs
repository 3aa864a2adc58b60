using System.ComponentModel.DataAnnotations;

namespace Moderation.Core.Workflow;

/// <summary>Reader reports (configuration section <c>Reports</c>).</summary>
public sealed class ReportOptions
{
    public const string SectionName = "Reports";

    /// <summary>Distinct reporters that put an approved comment in the reported queue; 1 to 1,000. Default 3.</summary>
    [Range(1, 1_000)]
    public int ReportedThreshold { get; set; } = 3;

    /// <summary>Distinct reporters that hide an approved comment until a moderator decides; 1 to 1,000, not below ReportedThreshold. Default 5.</summary>
    [Range(1, 1_000)]
    public int HideThreshold { get; set; } = 5;

    /// <summary>Reports one reader may file per hour; 1 to 10,000. Default 20.</summary>
    [Range(1, 10_000)]
    public int PerReporterPerHour { get; set; } = 20;
}
