using Moderation.Core.Comments;

namespace Moderation.Core.Events;

/// <summary>A comment's verdict changed after submission; <see cref="Cursor"/> resumes a stream just after it.</summary>
public sealed record DecisionEvent(string Cursor, string CommentId, string ArticleId, CommentState State, long Version, string Cause, DateTimeOffset OccurredAt);
