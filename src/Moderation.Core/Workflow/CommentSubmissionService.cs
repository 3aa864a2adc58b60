using Moderation.Core.Comments;
using Moderation.Core.Errors;
using Moderation.Core.RateLimiting;
using Moderation.Core.Rules;
using Moderation.Core.Rules.History;
using Moderation.Core.Rules.Normalization;

namespace Moderation.Core.Workflow;

/// <summary>
/// The path of a new comment: validation, idempotency, rate limit, rules, storage. Each stage
/// is a seam: the limiter, the rule set and the store are injected.
/// </summary>
public sealed class CommentSubmissionService(
    CommentValidator validator,
    ICommentStore store,
    IModerationStateStore state,
    ITextHistoryStore textHistory,
    IRuleSetProvider rules,
    SubmissionRateLimiter rateLimiter,
    TimeProvider timeProvider)
{
    public async Task<SubmissionResult> SubmitAsync(CommentSubmission submission, CancellationToken cancellationToken)
    {
        validator.Validate(submission);

        // A retry of a known id is answered from the store before the limiter is asked, so a
        // client retrying after a lost response is never charged twice.
        if (await store.GetAsync(submission.CommentId, cancellationToken).ConfigureAwait(false) is { } known)
        {
            return Replay(known, submission);
        }

        var now = timeProvider.GetUtcNow();
        var articleRead = state.GetArticleAsync(submission.ArticleId, cancellationToken);
        var authorRead = state.GetAuthorAsync(submission.Author.Id, cancellationToken);
        var article = await articleRead.ConfigureAwait(false);
        var author = await authorRead.ConfigureAwait(false);
        if (article.IsClosedAt(now))
        {
            throw new ArticleClosedException(submission.ArticleId);
        }

        var context = EvaluationContext.For(submission, now) with
        {
            AuthorStatus = author.StatusAt(now),
            ApprovedCount = author.ApprovedCount,
            RejectedCount = author.RejectedCount,
            ArticleMode = article.Mode,
            ArticlePublishedAt = article.PublishedAt,
        };
        var limits = await rateLimiter.AcquireAsync(submission, context, cancellationToken).ConfigureAwait(false);
        if (limits.Refusal is { } refusal)
        {
            throw new RateLimitExceededException(refusal);
        }

        var ruleSet = rules.Current;

        // Recorded before the rules run, so a campaign counts this comment too; skipped when no
        // rule asks, so the common path costs no extra round trip.
        var history = ruleSet.HistoryWindows.Count == 0
            ? null
            : await textHistory.RecordAsync(TextFingerprint.Of(submission.Text), submission.Author.Id, now, ruleSet.HistoryWindows, cancellationToken).ConfigureAwait(false);
        var decision = WorkflowPolicy.Apply(ruleSet.Evaluate(submission.Text, context with { History = history }), author, article, now);
        var comment = new Comment(submission, decision, Comment.StateFor(decision.Verdict), Version: 1, now, now);
        var added = await store.AddAsync(comment, cancellationToken).ConfigureAwait(false);

        // Losing a race to a concurrent submission of the same id is a replay, not an error.
        return added.Created ? new SubmissionResult(added.Comment, Replayed: false) : Replay(added.Comment, submission);
    }

    public async Task<Comment> GetAsync(string commentId, CancellationToken cancellationToken)
    {
        var violations = new FieldViolations();
        CommentValidator.CheckId(violations, "comment_id", commentId);
        violations.ThrowIfAny();
        return await store.GetAsync(commentId, cancellationToken).ConfigureAwait(false)
            ?? throw new CommentNotFoundException(commentId);
    }

    private static SubmissionResult Replay(Comment stored, CommentSubmission submission)
    {
        var first = stored.Submission;
        bool sameContent = first.ArticleId == submission.ArticleId
            && first.Author.Id == submission.Author.Id
            && first.Text == submission.Text
            && (first.ParentId ?? "") == (submission.ParentId ?? "");
        return sameContent ? new SubmissionResult(stored, Replayed: true) : throw new CommentConflictException(submission.CommentId);
    }
}
