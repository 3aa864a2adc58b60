using Moderation.Core.Comments;
using Moderation.Core.Decisions;
using Moderation.Core.Errors;

namespace Moderation.Core.Workflow;

/// <summary>What moderators do: list queues and decide comments.</summary>
public sealed class ModerationQueueService(ICommentStore store, TimeProvider timeProvider)
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    public Task<QueuePage> ListQueueAsync(QueueKind? queue, int pageSize, string? pageToken, string? articleId, string? authorId, CancellationToken cancellationToken)
    {
        var violations = new FieldViolations();
        if (queue is null)
        {
            violations.Add("queue", "Required: QUEUE_PENDING, QUEUE_REPORTED or QUEUE_HIDDEN.");
        }

        if (pageSize is < 0 or > MaxPageSize)
        {
            violations.Add("page_size", $"Must be 0 (the default, {DefaultPageSize}) to {MaxPageSize}.");
        }

        CommentValidator.CheckId(violations, "article_id", articleId, required: false);
        CommentValidator.CheckId(violations, "author_id", authorId, required: false);
        violations.ThrowIfAny();

        QueuePosition? after = string.IsNullOrEmpty(pageToken) ? null : QueuePosition.ParsePageToken(pageToken, "page_token");
        var query = new QueueQuery(queue!.Value, pageSize == 0 ? DefaultPageSize : pageSize, after, NullIfEmpty(articleId), NullIfEmpty(authorId));
        return store.ListQueueAsync(query, cancellationToken);
    }

    public Task<DecideCommentResult> DecideAsync(
        string commentId,
        Verdict? verdict,
        ReasonCode reasonCode,
        string? note,
        long expectedVersion,
        string moderatorId,
        CancellationToken cancellationToken)
    {
        var violations = new FieldViolations();
        CommentValidator.CheckId(violations, "comment_id", commentId);
        if (verdict is not (Verdict.Approved or Verdict.Rejected))
        {
            violations.Add("verdict", "Must be VERDICT_APPROVED or VERDICT_REJECTED.");
        }

        CommentValidator.CheckPlainText(violations, "note", note, CommentValidator.MaxNoteLength);

        if (expectedVersion < 1)
        {
            violations.Add("expected_version", "Required: the version of the comment the moderator looked at (versions start at 1).");
        }

        violations.ThrowIfAny();
        var decision = new ModeratorDecision(moderatorId, verdict!.Value, reasonCode, note ?? "", timeProvider.GetUtcNow());
        return store.DecideAsync(commentId, expectedVersion, decision, cancellationToken);
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
