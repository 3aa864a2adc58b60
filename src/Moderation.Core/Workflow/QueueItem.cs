using Moderation.Core.Comments;

namespace Moderation.Core.Workflow;

/// <summary>
/// A comment waiting in a queue, with the readers' reports not yet dismissed, the moderator
/// holding a live lease on it, and whether a flag rule (rather than readers) put it in the
/// reported queue.
/// </summary>
public sealed record QueueItem(Comment Comment, QueueKind Queue, DateTimeOffset EnqueuedAt, int ReportCount = 0, string? ClaimedBy = null, DateTimeOffset? LeaseExpiresAt = null, bool FlaggedByRules = false);
