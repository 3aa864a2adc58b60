namespace Moderation.Core.Workflow;

/// <summary>
/// The index of recent comments that a backtest replays rules over: every new comment's id,
/// by creation time, kept for <see cref="Retention"/> and at most <see cref="Capacity"/> of them,
/// the oldest dropped first. Trimmed in the same step that adds a comment, so it never grows
/// past its bounds.
/// </summary>
public static class RecentComments
{
    /// <summary>How long an id stays in the index: the longest backtest window.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(7);

    /// <summary>The most ids kept, twice the most comments one backtest reads.</summary>
    public const int Capacity = 200_000;

    /// <summary>The index entry of a new comment, with the bounds the store trims to as it adds it.</summary>
    public static RecentIndexEntry EntryFor(DateTimeOffset createdAt) => new(createdAt, createdAt - Retention, Capacity);
}

/// <summary>
/// A new comment's place in the recent index (its creation time), and how the store trims the
/// index as it adds it: ids created before <paramref name="TrimBefore"/> leave, and the oldest
/// leave while more than <paramref name="Capacity"/> remain.
/// </summary>
public sealed record RecentIndexEntry(DateTimeOffset CreatedAt, DateTimeOffset TrimBefore, int Capacity);
