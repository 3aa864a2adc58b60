namespace Moderation.Core.Errors;

/// <summary>No comment with this id is stored.</summary>
public sealed class CommentNotFoundException(string commentId)
    : ModerationException($"Comment '{commentId}' was not found.")
{
    public string CommentId { get; } = commentId;
}
