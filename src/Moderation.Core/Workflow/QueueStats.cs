namespace Moderation.Core.Workflow;

/// <summary>How many items wait in a queue, and since when the oldest has waited (null when empty).</summary>
public sealed record QueueStats(QueueKind Queue, int Depth, DateTimeOffset? OldestEnqueuedAt);
