namespace Moderation.Core.Errors;

/// <summary>The comment changed since the caller read it; nothing was changed.</summary>
public sealed class VersionMismatchException(string commentId, long expectedVersion, long currentVersion)
    : ModerationException($"Comment '{commentId}' is at version {currentVersion}, not the expected {expectedVersion}; reload it and decide again.")
{
    public string CommentId { get; } = commentId;
    public long ExpectedVersion { get; } = expectedVersion;
    public long CurrentVersion { get; } = currentVersion;
}
