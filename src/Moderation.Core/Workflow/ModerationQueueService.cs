using Moderation.Core.Comments;
using Moderation.Core.Decisions;
using Moderation.Core.Errors;

namespace Moderation.Core.Workflow;

/// <summary>What moderators do: list queues, decide comments, read histories, set authors' status.</summary>
public sealed class ModerationQueueService(ICommentStore store, IModerationStateStore state, TimeProvider timeProvider)
{
    public const int DefaultHistoryPageSize = 50;
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    /// <summary>The largest queue listed by score; past it, oldest-first paging is the way through.</summary>
    public const int MaxScoreOrdered = 10_000;

    public async Task<QueuePage> ListQueueAsync(QueueKind? queue, int pageSize, string? pageToken, string? articleId, string? authorId, QueueOrder order, CancellationToken cancellationToken)
    {
        var violations = new FieldViolations();
        CheckQueue(violations, queue);
        violations.CheckDefined("order", order, "Must be QUEUE_ORDER_OLDEST_FIRST (the default) or QUEUE_ORDER_HIGHEST_SCORE_FIRST.");
        if (pageSize is < 0 or > MaxPageSize)
        {
            violations.Add("page_size", $"Must be 0 (the default, {DefaultPageSize}) to {MaxPageSize}.");
        }

        CommentValidator.CheckId(violations, "article_id", articleId, required: false);
        CommentValidator.CheckId(violations, "author_id", authorId, required: false);

        // Each order pages its own way: oldest first by keyset (stable while the queue changes),
        // by score with an offset into the sorted queue.
        bool byScore = order == QueueOrder.HighestScoreFirst;
        QueuePosition? after = byScore ? null : QueuePosition.ParsePageToken(pageToken, violations, "page_token");
        int offset = byScore ? OffsetPageToken.Parse(pageToken, violations, "page_token") : 0;
        violations.ThrowIfAny();
        int size = pageSize == 0 ? DefaultPageSize : pageSize;
        if (!byScore)
        {
            return await store.ListQueueAsync(new QueueQuery(queue!.Value, size, after, NullIfEmpty(articleId), NullIfEmpty(authorId)), cancellationToken).ConfigureAwait(false);
        }

        // By score: the whole (filtered) queue is read and sorted, then paged by offset.
        var all = await store.ListQueueAsync(new QueueQuery(queue!.Value, MaxScoreOrdered, null, NullIfEmpty(articleId), NullIfEmpty(authorId)), cancellationToken).ConfigureAwait(false);
        var ordered = all.Items
            .OrderByDescending(i => i.Comment.Decision.Score)
            .ThenBy(i => i.EnqueuedAt)
            .ThenBy(i => i.Comment.Id, StringComparer.Ordinal)
            .ToList();
        var page = ordered.Skip(offset).Take(size).ToList();
        return new QueuePage(page, offset + page.Count < ordered.Count ? OffsetPageToken.Of(offset + page.Count) : null);
    }

    private const string QueueRequired = "Required: QUEUE_PENDING, QUEUE_REPORTED or QUEUE_HIDDEN.";

    private static void CheckQueue(FieldViolations violations, QueueKind? queue)
    {
        if (queue is not { } given)
        {
            violations.Add("queue", QueueRequired);
        }
        else
        {
            violations.CheckDefined("queue", given, QueueRequired);
        }
    }

    public Task<DecideCommentResult> DecideAsync(
        string commentId,
        Verdict? verdict,
        ReasonCode reasonCode,
        string? note,
        long expectedVersion,
        string moderatorId,
        CancellationToken cancellationToken,
        bool overrideLease = false)
    {
        var violations = new FieldViolations();
        CommentValidator.CheckId(violations, "comment_id", commentId);
        if (verdict is not (Verdict.Approved or Verdict.Rejected))
        {
            violations.Add("verdict", "Must be VERDICT_APPROVED or VERDICT_REJECTED.");
        }

        violations.CheckDefined("reason_code", reasonCode, ReasonCodes.Expected);
        CommentValidator.CheckPlainText(violations, "note", note, CommentValidator.MaxNoteLength);

        if (expectedVersion < 1)
        {
            violations.Add("expected_version", "Required: the version of the comment the moderator looked at (versions start at 1).");
        }

        violations.ThrowIfAny();
        var decision = new ModeratorDecision(moderatorId, verdict!.Value, reasonCode, note ?? "", timeProvider.GetUtcNow());
        return store.DecideAsync(commentId, expectedVersion, decision, cancellationToken, overrideLease);
    }

    public const int MaxClaim = 50;
    public static readonly TimeSpan DefaultLease = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan MinLease = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan MaxLease = TimeSpan.FromHours(1);

    public Task<IReadOnlyList<QueueItem>> ClaimAsync(QueueKind? queue, int maxItems, TimeSpan? lease, string? articleId, string moderatorId, CancellationToken cancellationToken)
    {
        var violations = new FieldViolations();
        CheckQueue(violations, queue);
        if (maxItems is < 1 or > MaxClaim)
        {
            violations.Add("max_items", $"Must be 1 to {MaxClaim}.");
        }

        if (lease is { } given && (given < MinLease || given > MaxLease))
        {
            violations.Add("lease_duration", $"Must be {MinLease.TotalSeconds:0} seconds to {MaxLease.TotalHours:0} hour; absent means {DefaultLease.TotalMinutes:0} minutes.");
        }

        CommentValidator.CheckId(violations, "article_id", articleId, required: false);
        violations.ThrowIfAny();
        var now = timeProvider.GetUtcNow();
        return store.ClaimAsync(queue!.Value, moderatorId, maxItems, now, now + (lease ?? DefaultLease), NullIfEmpty(articleId), cancellationToken);
    }

    public Task<IReadOnlyList<string>> ReleaseAsync(IReadOnlyList<string> commentIds, string moderatorId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commentIds);
        var violations = new FieldViolations();
        if (commentIds.Count is < 1 or > MaxClaim)
        {
            violations.Add("comment_ids", $"Must hold 1 to {MaxClaim} ids.");
        }

        foreach (string id in commentIds)
        {
            CommentValidator.CheckId(violations, "comment_ids", id);
        }

        violations.ThrowIfAny();
        return store.ReleaseAsync(moderatorId, commentIds, cancellationToken);
    }

    public Task<IReadOnlyList<QueueStats>> GetQueueStatsAsync(string? articleId, CancellationToken cancellationToken)
    {
        var violations = new FieldViolations();
        CommentValidator.CheckId(violations, "article_id", articleId, required: false);
        violations.ThrowIfAny();
        return store.GetQueueStatsAsync(NullIfEmpty(articleId), cancellationToken);
    }

    public async Task<(IReadOnlyList<HistoryEntry> Entries, string? NextPageToken)> GetHistoryAsync(string commentId, int pageSize, string? pageToken, CancellationToken cancellationToken)
    {
        var violations = new FieldViolations();
        CommentValidator.CheckId(violations, "comment_id", commentId);
        if (pageSize is < 0 or > MaxPageSize)
        {
            violations.Add("page_size", $"Must be 0 (the default, {DefaultHistoryPageSize}) to {MaxPageSize}.");
        }

        int offset = OffsetPageToken.Parse(pageToken, violations, "page_token");
        violations.ThrowIfAny();
        int count = pageSize == 0 ? DefaultHistoryPageSize : pageSize;
        var (entries, total) = await state.GetHistoryAsync(commentId, offset, count, cancellationToken).ConfigureAwait(false);
        return (entries, offset + entries.Count < total ? OffsetPageToken.Of(offset + entries.Count) : null);
    }

    /// <summary>
    /// Sets an author's status. With <paramref name="rejectPending"/> (for bans), each comment of
    /// theirs still pending is rejected as a decision of <paramref name="moderatorId"/>; returns how many.
    /// </summary>
    public async Task<(AuthorRecord Author, int RejectedPending)> SetAuthorStatusAsync(
        string authorId, AuthorStatus? status, DateTimeOffset? suspendedUntil, bool rejectPending, string? note, string moderatorId, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var violations = new FieldViolations();
        CommentValidator.CheckId(violations, "author_id", authorId);
        if (status is null)
        {
            violations.Add("status", "Required: AUTHOR_STATUS_NORMAL, _TRUSTED, _PREMODERATED, _SUSPENDED or _BANNED.");
        }
        else if (status == AuthorStatus.Suspended && (suspendedUntil is not { } until || until <= now))
        {
            violations.Add("suspended_until", "Required with AUTHOR_STATUS_SUSPENDED, and in the future.");
        }

        if (rejectPending && status != AuthorStatus.Banned)
        {
            violations.Add("reject_pending", "Only with AUTHOR_STATUS_BANNED.");
        }

        CommentValidator.CheckPlainText(violations, "note", note, CommentValidator.MaxNoteLength);
        violations.ThrowIfAny();

        var author = await state.SetAuthorStatusAsync(authorId, status!.Value, suspendedUntil, cancellationToken).ConfigureAwait(false);
        int rejected = 0;
        if (rejectPending)
        {
            var rejection = new ModeratorDecision(moderatorId, Verdict.Rejected, ReasonCode.Abuse, note ?? "Author banned.", now);
            // Oldest first, so the site's event stream shows the rejections in the order the comments came.
            var ids = await state.GetPendingCommentIdsAsync(authorId, cancellationToken).ConfigureAwait(false);
            var comments = await Task.WhenAll(ids.Select(id => store.GetAsync(id, cancellationToken))).ConfigureAwait(false);
            foreach (var pending in comments.OfType<Comment>().Where(c => c.State == CommentState.PendingReview).OrderBy(c => c.CreatedAt).ThenBy(c => c.Id, StringComparer.Ordinal))
            {
                // Each rejection is atomic on its own; a comment decided meanwhile is left as it is.
                try
                {
                    // A ban outranks a colleague's lease on the author's comments.
                    var result = await store.DecideAsync(pending.Id, pending.Version, rejection, cancellationToken, overrideLease: true).ConfigureAwait(false);
                    rejected += result.Unchanged ? 0 : 1;
                }
                catch (VersionMismatchException)
                {
                }
            }

            author = await state.GetAuthorAsync(authorId, cancellationToken).ConfigureAwait(false);
        }

        return (author, rejected);
    }

    /// <summary>
    /// An author's standing, with the status in force now (an ended suspension reads normal),
    /// and their most recent comments still stored, newest first.
    /// </summary>
    public async Task<(AuthorRecord Author, IReadOnlyList<Comment> Recent)> GetAuthorAsync(string authorId, CancellationToken cancellationToken)
    {
        var violations = new FieldViolations();
        CommentValidator.CheckId(violations, "author_id", authorId);
        violations.ThrowIfAny();
        var authorRead = state.GetAuthorAsync(authorId, cancellationToken);
        var ids = await state.GetRecentCommentIdsAsync(authorId, cancellationToken).ConfigureAwait(false);
        var recent = await Task.WhenAll(ids.Select(id => store.GetAsync(id, cancellationToken))).ConfigureAwait(false);
        var author = await authorRead.ConfigureAwait(false);
        var status = author.StatusAt(timeProvider.GetUtcNow());
        return (status == author.Status ? author : author with { Status = status, SuspendedUntil = null }, recent.OfType<Comment>().ToList());
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
