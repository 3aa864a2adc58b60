namespace Moderation.Core.Errors;

/// <summary>Someone other than a comment's author tried to edit it.</summary>
public sealed class NotTheAuthorException(string commentId)
    : ModerationException($"Only the author of comment '{commentId}' may edit it.");
