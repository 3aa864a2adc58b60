using Moderation.Core.Comments;

namespace Moderation.Core.Workflow;

/// <summary>A comment waiting in a queue, with the distinct readers who reported it and the moderator holding a lease on it.</summary>
public sealed record QueueItem(Comment Comment, QueueKind Queue, DateTimeOffset EnqueuedAt, int ReportCount = 0, string? ClaimedBy = null, DateTimeOffset? LeaseExpiresAt = null);
