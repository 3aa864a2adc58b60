using Moderation.Core.Errors;

namespace Moderation.Core.Events;

/// <summary>Events after the cursor were already dropped by retention: resuming would skip them silently.</summary>
public sealed class CursorExpiredException(string cursor)
    : ModerationException($"Cursor {cursor} is older than the event retention; events after it are gone. Re-read the comments you track and watch from now on.")
{
    public string Cursor { get; } = cursor;
}
