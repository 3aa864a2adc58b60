using Moderation.Core.Comments;

namespace Moderation.Core.Workflow;

/// <summary>
/// The recent comments, newest first, read a batch at a time (for backtests). The index is
/// written by the change that stores each new comment (<see cref="Transitions.CommentChange.Recent"/>); this only reads.
/// </summary>
public interface IRecentCommentIndex
{
    /// <summary>
    /// Up to <see cref="RecentCommentQuery.Max"/> index entries created within the query's window,
    /// newest first, after <see cref="RecentCommentQuery.After"/> when given; the comments of those
    /// still stored (a decided comment may have expired). <see cref="RecentCommentBatch.Next"/>
    /// resumes after the last entry read, null when no entry of the window is left.
    /// </summary>
    Task<RecentCommentBatch> ReadAsync(RecentCommentQuery query, CancellationToken cancellationToken);
}

/// <summary>A batch of the recent-comment index: created from <paramref name="Since"/> to <paramref name="Until"/>, both included.</summary>
/// <param name="After">The position the previous batch ended at; null to start at <paramref name="Until"/>.</param>
public sealed record RecentCommentQuery(DateTimeOffset Since, DateTimeOffset Until, RecentPosition? After, int Max);

/// <summary>The comments of a batch, and where the next one starts (null: the window is done).</summary>
public sealed record RecentCommentBatch(IReadOnlyList<Comment> Comments, RecentPosition? Next);

/// <summary>
/// An entry of the recent-comment index. Entries are ordered by creation time (ms), then by id,
/// as Redis orders a sorted set's equal scores.
/// </summary>
public readonly record struct RecentPosition(long CreatedAtUnixMilliseconds, string CommentId) : IComparable<RecentPosition>
{
    public int CompareTo(RecentPosition other)
    {
        int byTime = CreatedAtUnixMilliseconds.CompareTo(other.CreatedAtUnixMilliseconds);
        return byTime != 0 ? byTime : string.CompareOrdinal(CommentId, other.CommentId);
    }

    public static bool operator <(RecentPosition left, RecentPosition right) => left.CompareTo(right) < 0;

    public static bool operator <=(RecentPosition left, RecentPosition right) => left.CompareTo(right) <= 0;

    public static bool operator >(RecentPosition left, RecentPosition right) => left.CompareTo(right) > 0;

    public static bool operator >=(RecentPosition left, RecentPosition right) => left.CompareTo(right) >= 0;
}
