using Moderation.Core.Comments;

namespace Moderation.Core.Workflow;

/// <summary>
/// The moderation workflow's operations on comments and queues. Each is atomic: a comment and
/// its queue membership never disagree, even with many service instances sharing one store.
/// <see cref="Transitions.CommentWorkflow"/> implements it over either store.
/// </summary>
public interface ICommentStore
{
    Task<Comment?> GetAsync(string commentId, CancellationToken cancellationToken);

    /// <summary>
    /// Stores <paramref name="comment"/> unless its id is taken, in which case the stored comment
    /// is returned untouched. A comment pending review enters the pending queue in the same step.
    /// </summary>
    Task<AddCommentResult> AddAsync(Comment comment, CancellationToken cancellationToken);

    /// <summary>
    /// <see cref="AddAsync(Comment, CancellationToken)"/>, charging <paramref name="charge"/>'s
    /// limits with it: a refusal stores nothing (<see cref="AddCommentResult.Refusal"/>), a taken
    /// id charges nothing.
    /// </summary>
    Task<AddCommentResult> AddAsync(Comment comment, SubmissionCharge charge, CancellationToken cancellationToken);

    /// <summary>A page of a queue, oldest first; the result's token resumes after its last item.</summary>
    Task<QueuePage> ListQueueAsync(QueueQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces a comment with its edited form (new text, decision and state, version + 1),
    /// recording the edit in its history, when its version is still <paramref name="expectedVersion"/>.
    /// </summary>
    Task<Comment> EditAsync(string commentId, long expectedVersion, Comment edited, CancellationToken cancellationToken);

    /// <summary>
    /// Records a reader's report, once per reader. An approved comment enters the reported queue
    /// at <paramref name="reportedThreshold"/> reports not yet dismissed and is hidden (leaving the
    /// reported queue for the hidden one) at <paramref name="hideThreshold"/>. <paramref name="charge"/>
    /// is asked before a report that counts is recorded: a reader's second report of a comment is
    /// answered as a duplicate and charges nothing, and a refused charge records nothing
    /// (<see cref="Errors.RateLimitExceededException"/>).
    /// </summary>
    Task<ReportResult> ReportAsync(string commentId, string reporterId, ReasonCode reason, string note, int reportedThreshold, int hideThreshold, DateTimeOffset now, Func<CancellationToken, ValueTask<RateLimiting.RateLimitDecision>> charge, CancellationToken cancellationToken);

    /// <summary>Every entry of a queue, oldest first.</summary>
    Task<IReadOnlyList<QueueMember>> GetQueueMembersAsync(QueueKind queue, CancellationToken cancellationToken);

    /// <summary>Depth and oldest entry of every queue, over all articles or one.</summary>
    Task<IReadOnlyList<QueueStats>> GetQueueStatsAsync(string? articleId, CancellationToken cancellationToken);

    /// <summary>
    /// Leases up to <paramref name="max"/> items of a queue, oldest first, to <paramref name="moderatorId"/>
    /// until <paramref name="leaseUntil"/>: items no live lease holds (the caller's own included,
    /// so a second claim hands out more items). No item is ever leased to two moderators at once.
    /// </summary>
    Task<IReadOnlyList<QueueItem>> ClaimAsync(QueueKind queue, string moderatorId, int max, DateTimeOffset now, DateTimeOffset leaseUntil, string? articleId, CancellationToken cancellationToken);

    /// <summary>Ends the caller's leases on the given comments early; returns the ones released.</summary>
    Task<IReadOnlyList<string>> ReleaseAsync(string moderatorId, IReadOnlyList<string> commentIds, CancellationToken cancellationToken);

    /// <summary>
    /// Applies a moderator's decision. When the decided verdict is already in force and no
    /// report is left to dismiss nothing changes (Unchanged); otherwise a version other than
    /// <paramref name="expectedVersion"/> throws <see cref="Errors.VersionMismatchException"/>,
    /// a live lease of another moderator <see cref="Errors.LeaseHeldException"/> unless
    /// <paramref name="overrideLease"/>, an unknown id <see cref="Errors.CommentNotFoundException"/>.
    /// </summary>
    Task<DecideCommentResult> DecideAsync(string commentId, long expectedVersion, ModeratorDecision decision, CancellationToken cancellationToken, bool overrideLease = false);
}
