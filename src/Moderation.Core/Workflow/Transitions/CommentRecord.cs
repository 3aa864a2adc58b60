using Moderation.Core.Comments;

namespace Moderation.Core.Workflow.Transitions;

/// <summary>Where a comment waits for a moderator, and since when (its place in the queue's order).</summary>
public sealed record QueuePlace(QueueKind Queue, DateTimeOffset EnqueuedAt);

/// <summary>A moderator's lease on a queued comment; it protects the comment until <see cref="Until"/>.</summary>
public sealed record Lease(string ModeratorId, DateTimeOffset Until)
{
    public bool IsLiveAt(DateTimeOffset now) => Until > now;
}

/// <summary>
/// Everything the workflow knows about one stored comment: the comment, the queue it waits in,
/// the lease on it, its readers' reports, and the store's revision of it, which every change
/// checks and advances so that changes computed from a stale read are refused.
/// </summary>
/// <param name="Reporters">Distinct readers who ever reported it.</param>
/// <param name="DismissedReporters">How many of those reports a moderator dismissed by approving it.</param>
/// <param name="ReportedBy">Whether the reader the read was made for has reported it already.</param>
public sealed record CommentRecord(
    Comment Comment,
    long Revision,
    QueuePlace? Place,
    Lease? Lease,
    int Reporters,
    int DismissedReporters,
    bool ReportedBy = false)
{
    /// <summary>Reports not yet dismissed by a moderator: what the queues and thresholds count.</summary>
    public int ActiveReports => Reporters - DismissedReporters;

    /// <summary>The lease, when it still protects the comment at <paramref name="now"/>.</summary>
    public Lease? LiveLease(DateTimeOffset now) => Lease is { } lease && lease.IsLiveAt(now) ? lease : null;

    /// <summary>The record of a comment not stored yet.</summary>
    public static CommentRecord New(Comment comment) => new(comment, Revision: 0, Place: null, Lease: null, Reporters: 0, DismissedReporters: 0);

    public QueueItem ToQueueItem(DateTimeOffset now) => new(
        Comment,
        Place!.Queue,
        Place.EnqueuedAt,
        ActiveReports,
        LiveLease(now)?.ModeratorId,
        LiveLease(now)?.Until,
        FlaggedByRules: Place.Queue == QueueKind.Reported && Comment.Decision.Flagged);
}
