using System.ComponentModel.DataAnnotations;

namespace Moderation.Core.Workflow;

/// <summary>The moderation workflow (configuration section <c>Workflow</c>).</summary>
public sealed class WorkflowOptions
{
    public const string SectionName = "Workflow";

    /// <summary>
    /// How long a decided (approved or rejected) comment and its history are kept in Redis; 1 hour
    /// to 10 years. Default 30 days. A comment waiting for a moderator never expires.
    /// </summary>
    [Range(typeof(TimeSpan), "01:00:00", "3650.00:00:00")]
    public TimeSpan DecidedRetention { get; set; } = TimeSpan.FromDays(30);
}
