namespace Moderation.Core.Workflow;

/// <summary>An entry of a queue as a live screen needs it: which comment, under which article, since when.</summary>
public sealed record QueueMember(string CommentId, string ArticleId, DateTimeOffset EnqueuedAt);
