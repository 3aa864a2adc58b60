namespace Moderation.Core.Workflow;

/// <summary>One page of a queue; <see cref="NextPageToken"/> is null on the last page.</summary>
public sealed record QueuePage(IReadOnlyList<QueueItem> Items, string? NextPageToken);
