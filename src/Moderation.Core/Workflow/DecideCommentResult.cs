using Moderation.Core.Comments;

namespace Moderation.Core.Workflow;

/// <summary>The comment after a moderator's decision; <see cref="Unchanged"/> when the decision was already in force.</summary>
public sealed record DecideCommentResult(Comment Comment, bool Unchanged);
