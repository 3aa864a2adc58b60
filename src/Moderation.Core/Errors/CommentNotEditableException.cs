namespace Moderation.Core.Errors;

/// <summary>A comment in a state that edits may not change (rejected: an edit must not undo a rejection).</summary>
public sealed class CommentNotEditableException(string commentId, string why)
    : ModerationException($"Comment '{commentId}' cannot be edited: {why}")
{
    public string CommentId { get; } = commentId;
}
