using Moderation.Core.Comments;

namespace Moderation.Core.Workflow;

/// <summary>A comment waiting in a queue.</summary>
public sealed record QueueItem(Comment Comment, QueueKind Queue, DateTimeOffset EnqueuedAt);
