using Moderation.Core.Comments;
using Moderation.Core.Errors;

namespace Moderation.Core.Workflow.Transitions;

/// <summary>
/// Every workflow operation over any <see cref="ICommentRecordStore"/>: read the record, let
/// <see cref="CommentTransitions"/> work out the change, apply it if nothing moved meanwhile,
/// and otherwise read again. The same code runs over memory and over Redis, so the two stores
/// cannot drift apart.
/// </summary>
public sealed class CommentWorkflow(ICommentRecordStore records, ReportOptions reports, TimeProvider timeProvider) : ICommentStore
{
    /// <summary>Attempts before a comment that keeps changing under a change is reported as a transient failure.</summary>
    private const int MaxAttempts = 16;

    private const int ClaimBatch = 32;

    public Task<Comment?> GetAsync(string commentId, CancellationToken cancellationToken) => records.GetAsync(commentId, cancellationToken);

    public Task<AddCommentResult> AddAsync(Comment comment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(comment);
        var change = CommentTransitions.Submit(comment);
        return AddAsync(comment, async () => (await records.TryApplyAsync(change, cancellationToken).ConfigureAwait(false), null), cancellationToken);
    }

    public async Task<AddCommentResult> AddAsync(Comment comment, SubmissionCharge charge, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(comment);
        ArgumentNullException.ThrowIfNull(charge);
        if (records is not IChargingCommentRecordStore charging)
        {
            var outcome = await charge.ChargeApart(cancellationToken).ConfigureAwait(false);
            return outcome.IsAllowed ? await AddAsync(comment, cancellationToken).ConfigureAwait(false) : new AddCommentResult(comment, Created: false, outcome);
        }

        var change = CommentTransitions.Submit(comment);
        return await AddAsync(comment, () => charging.TryAddChargedAsync(change, charge.Limits, cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Tries to store a new comment: created, refused by a limit, or, when the id is taken, the
    /// comment stored first is the answer (tried again should that one expire meanwhile).
    /// </summary>
    private async Task<AddCommentResult> AddAsync(Comment comment, Func<Task<(bool Applied, RateLimiting.RateLimitOutcome? Limits)>> attempt, CancellationToken cancellationToken)
    {
        for (int tries = 1; tries <= MaxAttempts; tries++)
        {
            var (applied, limits) = await attempt().ConfigureAwait(false);
            if (applied)
            {
                return new AddCommentResult(comment, Created: true);
            }

            if (limits is { IsAllowed: false })
            {
                return new AddCommentResult(comment, Created: false, limits);
            }

            if (await records.GetAsync(comment.Id, cancellationToken).ConfigureAwait(false) is { } existing)
            {
                return new AddCommentResult(existing, Created: false);
            }
        }

        throw KeptChanging(comment.Id);
    }

    public Task<QueuePage> ListQueueAsync(QueueQuery query, CancellationToken cancellationToken) =>
        records.ListQueueAsync(query, timeProvider.GetUtcNow(), cancellationToken);

    public Task<IReadOnlyList<QueueMember>> GetQueueMembersAsync(QueueKind queue, CancellationToken cancellationToken) =>
        records.GetQueueMembersAsync(queue, cancellationToken);

    public Task<IReadOnlyList<QueueStats>> GetQueueStatsAsync(string? articleId, CancellationToken cancellationToken) =>
        records.GetQueueStatsAsync(articleId, cancellationToken);

    public Task<Comment> EditAsync(string commentId, long expectedVersion, Comment edited, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(edited);
        return ChangeAsync(commentId, null, record =>
        {
            var change = CommentTransitions.Edit(record, edited.Submission.Text, edited.Decision, expectedVersion, reports.ReportedThreshold, edited.UpdatedAt);
            return (change, change.After.Comment);
        }, cancellationToken);
    }

    public Task<DecideCommentResult> DecideAsync(string commentId, long expectedVersion, ModeratorDecision decision, CancellationToken cancellationToken, bool overrideLease = false)
    {
        ArgumentNullException.ThrowIfNull(decision);
        return ChangeAsync(commentId, null, record =>
        {
            var (change, dismissed) = CommentTransitions.Decide(record, decision, expectedVersion, overrideLease);
            return change is null
                ? (null, new DecideCommentResult(record.Comment, Unchanged: true))
                : (change, new DecideCommentResult(change.After.Comment, Unchanged: false, dismissed));
        }, cancellationToken);
    }

    public Task<ReportResult> ReportAsync(string commentId, string reporterId, ReasonCode reason, string note, int reportedThreshold, int hideThreshold, DateTimeOffset now, Func<CancellationToken, ValueTask<RateLimiting.RateLimitDecision>> charge, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(charge);
        bool charged = false;
        return ChangeAsync(
            commentId,
            reporterId,
            record => CommentTransitions.Report(record, reporterId, reason, note, reportedThreshold, hideThreshold, now),
            cancellationToken,
            beforeApply: async () =>
            {
                // Once, whatever the retries: a report that lost a race to another change is the same report.
                if (!charged)
                {
                    var decision = await charge(cancellationToken).ConfigureAwait(false);
                    if (!decision.IsAllowed)
                    {
                        throw new RateLimitExceededException(decision);
                    }

                    charged = true;
                }
            });
    }

    public async Task<IReadOnlyList<QueueItem>> ClaimAsync(QueueKind queue, string moderatorId, int max, DateTimeOffset now, DateTimeOffset leaseUntil, string? articleId, CancellationToken cancellationToken)
    {
        var candidates = (await records.GetQueueMembersAsync(queue, cancellationToken).ConfigureAwait(false))
            .Where(m => articleId is null || m.ArticleId == articleId)
            .ToList();
        var claimed = new List<QueueItem>(max);
        for (int next = 0; next < candidates.Count && claimed.Count < max; next += ClaimBatch)
        {
            var batch = candidates.Skip(next).Take(ClaimBatch);
            var read = await Task.WhenAll(batch.Select(m => records.ReadAsync(m.CommentId, null, cancellationToken))).ConfigureAwait(false);
            var eligible = new Queue<CommentChange>(read
                .Select(record => record is null ? null : CommentTransitions.Claim(record, queue, moderatorId, now, leaseUntil))
                .OfType<CommentChange>());

            // A lease another moderator took meanwhile is simply not ours: the next item is tried instead.
            while (claimed.Count < max && eligible.Count > 0)
            {
                var tries = Enumerable.Range(0, Math.Min(max - claimed.Count, eligible.Count)).Select(_ => eligible.Dequeue()).ToList();
                var applied = await Task.WhenAll(tries.Select(c => records.TryApplyAsync(c, cancellationToken))).ConfigureAwait(false);
                claimed.AddRange(tries.Where((_, i) => applied[i]).Select(c => c.After.ToQueueItem(now)));
            }
        }

        return claimed.OrderBy(QueuePosition.Of).ToList();
    }

    public async Task<IReadOnlyList<string>> ReleaseAsync(string moderatorId, IReadOnlyList<string> commentIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commentIds);
        var now = timeProvider.GetUtcNow();
        var released = new List<string>();
        foreach (string commentId in commentIds.Distinct(StringComparer.Ordinal))
        {
            try
            {
                if (await ChangeAsync(commentId, null, record => CommentTransitions.Release(record, moderatorId, now) is { } change ? (change, true) : (null, false), cancellationToken).ConfigureAwait(false))
                {
                    released.Add(commentId);
                }
            }
            catch (CommentNotFoundException)
            {
            }
        }

        return released;
    }

    /// <summary>
    /// Read, compute, apply; again from the read when the record moved in between.
    /// <paramref name="beforeApply"/> runs before each attempt to apply a change (not when there is none).
    /// </summary>
    private async Task<T> ChangeAsync<T>(string commentId, string? reporterId, Func<CommentRecord, (CommentChange? Change, T Result)> transition, CancellationToken cancellationToken, Func<Task>? beforeApply = null)
    {
        for (int attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var record = await records.ReadAsync(commentId, reporterId, cancellationToken).ConfigureAwait(false)
                ?? throw new CommentNotFoundException(commentId);
            var (change, result) = transition(record);
            if (change is null)
            {
                return result;
            }

            if (beforeApply is not null)
            {
                await beforeApply().ConfigureAwait(false);
            }

            if (await records.TryApplyAsync(change, cancellationToken).ConfigureAwait(false))
            {
                return result;
            }
        }

        throw KeptChanging(commentId);
    }

    private static StorageUnavailableException KeptChanging(string commentId) =>
        new($"Comment '{commentId}' kept changing while the change was applied; retry.");
}
