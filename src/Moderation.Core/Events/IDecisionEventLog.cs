namespace Moderation.Core.Events;

/// <summary>
/// The events the stores append in the same atomic step as each change after submission
/// (moderator decisions, edits), kept for the retention period.
/// </summary>
public interface IDecisionEventLog
{
    /// <summary>The cursor of the newest event, or <see cref="EventCursor.Start"/> when there is none: where "from now on" starts.</summary>
    Task<EventCursor> LatestAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Up to <paramref name="max"/> events after <paramref name="after"/>, oldest first. Throws
    /// <see cref="CursorExpiredException"/> when retention dropped events after the cursor.
    /// </summary>
    Task<IReadOnlyList<DecisionEvent>> ReadAfterAsync(EventCursor after, int max, CancellationToken cancellationToken);
}
