using System.ComponentModel.DataAnnotations;

namespace Moderation.Core.Events;

/// <summary>The decision event log (configuration section <c>Events</c>).</summary>
public sealed class EventOptions
{
    public const string SectionName = "Events";

    /// <summary>How long events are kept for clients to resume from; 1 minute to 90 days. Default 7 days.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "90.00:00:00")]
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often an idle watcher looks for new events; 10 ms to 10 s. Default 200 ms.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:00:10")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(200);
}
