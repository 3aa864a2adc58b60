namespace Moderation.Core.Errors;

/// <summary>A comment id was submitted again with different content: the id is taken.</summary>
public sealed class CommentConflictException(string commentId)
    : ModerationException($"Comment '{commentId}' was already submitted with different content; use a new comment_id or EditComment.")
{
    public string CommentId { get; } = commentId;
}
