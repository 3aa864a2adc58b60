namespace Moderation.Core.Workflow;

/// <summary>A comment entered or left a queue; <see cref="Depth"/> is the queue's depth after it (within the watcher's filter).</summary>
public sealed record QueueEvent(QueueKind Queue, string CommentId, string ArticleId, bool Entered, int Depth, DateTimeOffset OccurredAt);
