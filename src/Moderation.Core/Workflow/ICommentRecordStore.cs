using Moderation.Core.Comments;
using Moderation.Core.Workflow.Transitions;

namespace Moderation.Core.Workflow;

/// <summary>
/// What a store keeps for the workflow: comment records it reads whole and changes it applies
/// whole. A store decides nothing; <see cref="CommentTransitions"/> works out every change.
/// </summary>
public interface ICommentRecordStore
{
    Task<Comment?> GetAsync(string commentId, CancellationToken cancellationToken);

    /// <summary>The comment's record, or null for an unknown id; <paramref name="reporterId"/>, when given, fills <see cref="CommentRecord.ReportedBy"/>.</summary>
    Task<CommentRecord?> ReadAsync(string commentId, string? reporterId, CancellationToken cancellationToken);

    /// <summary>
    /// Applies the change atomically when the stored revision is still the one it was computed
    /// from (for a new comment: when the id is still free); false, with nothing written, otherwise.
    /// </summary>
    Task<bool> TryApplyAsync(CommentChange change, CancellationToken cancellationToken);

    /// <summary>A page of a queue, oldest first; the result's token resumes after its last item.</summary>
    Task<QueuePage> ListQueueAsync(QueueQuery query, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Every entry of a queue, oldest first.</summary>
    Task<IReadOnlyList<QueueMember>> GetQueueMembersAsync(QueueKind queue, CancellationToken cancellationToken);

    /// <summary>Depth and oldest entry of every queue, over all articles or one.</summary>
    Task<IReadOnlyList<QueueStats>> GetQueueStatsAsync(string? articleId, CancellationToken cancellationToken);
}
