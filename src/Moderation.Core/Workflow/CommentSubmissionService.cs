using System.Globalization;
using System.Collections.Concurrent;
using Moderation.Core.Comments;
using Moderation.Core.Errors;
using Moderation.Core.RateLimiting;
using Moderation.Core.Rules;
using Moderation.Core.Rules.Brake;
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
    TimeProvider timeProvider,
    Telemetry.ModerationMetrics? metrics = null,
    RuleBrake? brake = null)
{
    // Submissions of one comment id being processed in this instance, so concurrent retries of
    // a new id wait for the first one instead of each being charged against the limits.
    private readonly ConcurrentDictionary<string, Task<SubmissionResult>> _inFlight = new(StringComparer.Ordinal);

    public async Task<SubmissionResult> SubmitAsync(CommentSubmission submission, CancellationToken cancellationToken)
    {
        validator.Validate(submission);
        while (true)
        {
            var mine = new TaskCompletionSource<SubmissionResult>(TaskCreationOptions.RunContinuationsAsynchronously);
            var first = _inFlight.GetOrAdd(submission.CommentId, mine.Task);
            if (first != mine.Task)
            {
                try
                {
                    var result = await first.WaitAsync(cancellationToken).ConfigureAwait(false);
                    return Replay(result.Comment, submission);
                }
                catch (Exception) when (!cancellationToken.IsCancellationRequested && (first.IsFaulted || first.IsCanceled))
                {
                    // The first attempt failed (refused, cancelled, Redis away): this one is a
                    // new attempt of its own, from the top.
                    continue;
                }
            }

            try
            {
                var result = await SubmitFirstAsync(submission, cancellationToken).ConfigureAwait(false);
                mine.SetResult(result);
                return result;
            }
            catch (Exception ex)
            {
                mine.SetException(ex);
                throw;
            }
            finally
            {
                _inFlight.TryRemove(new KeyValuePair<string, Task<SubmissionResult>>(submission.CommentId, mine.Task));
            }
        }
    }

    private async Task<SubmissionResult> SubmitFirstAsync(CommentSubmission submission, CancellationToken cancellationToken)
    {
        // One round trip reads the id, the author and the article together. A retry of a known
        // id is answered from the store before the limiter is asked, so a client retrying after
        // a lost response is never charged twice.
        var known = store.GetAsync(submission.CommentId, cancellationToken);
        var standing = StandingAsync(submission, cancellationToken);
        if (await known.ConfigureAwait(false) is { } stored)
        {
            return Replay(stored, submission);
        }

        var now = timeProvider.GetUtcNow();
        var (author, article) = await standing.ConfigureAwait(false);
        if (article.IsClosedAt(now))
        {
            throw new ArticleClosedException(submission.ArticleId);
        }

        // The limits are charged in the step that stores the comment (one Redis script: all or
        // nothing, and a taken id is never charged); a subject refused a moment ago is refused
        // before the rules are run at all.
        var context = ContextFor(submission, author, article, now);
        var limits = rateLimiter.RequestsFor(submission, context);
        if (rateLimiter.RefusedEarlier(limits)?.Refusal is { } early)
        {
            metrics?.Refused(early.PolicyName);
            throw new RateLimitExceededException(early);
        }

        var decision = await DecideAsync(submission, author, article, context, cancellationToken).ConfigureAwait(false);
        var comment = new Comment(submission, decision, Comment.StateFor(decision.Verdict), Version: 1, now, now);
        var charge = new SubmissionCharge(limits, submission.CommentId, token => rateLimiter.AcquireAsync(limits, submission.CommentId, token));
        var added = await store.AddAsync(comment, charge, cancellationToken).ConfigureAwait(false);
        if (added.Refusal is { } refused)
        {
            rateLimiter.Remember(limits, refused);
            metrics?.Refused(refused.Refusal!.PolicyName);
            throw new RateLimitExceededException(refused.Refusal!);
        }

        if (added.Created)
        {
            metrics?.Decided(decision);
            brake?.Record(decision);
        }

        // Losing a race to a concurrent submission of the same id is a replay, not an error.
        return added.Created ? new SubmissionResult(added.Comment, Replayed: false) : Replay(added.Comment, submission);
    }

    /// <summary>
    /// The author's new text, moderated again exactly as a new comment is: charged against the
    /// same limits and recorded in the text history, so an edit cannot smuggle in what a
    /// submission would be refused or held for. <see cref="Transitions.CommentTransitions.Edit"/>
    /// decides where the edited comment goes.
    /// </summary>
    public async Task<Comment> EditAsync(string commentId, string authorId, string text, long expectedVersion, CancellationToken cancellationToken)
    {
        var violations = new FieldViolations();
        CommentValidator.CheckId(violations, "comment_id", commentId);
        CommentValidator.CheckId(violations, "author_id", authorId);
        validator.CheckText(violations, "text", text);
        if (expectedVersion < 1)
        {
            violations.Add("expected_version", "Required: the version the author edited (versions start at 1).");
        }

        violations.ThrowIfAny();
        var current = await store.GetAsync(commentId, cancellationToken).ConfigureAwait(false) ?? throw new CommentNotFoundException(commentId);
        if (current.Submission.Author.Id != authorId)
        {
            throw new NotTheAuthorException(commentId);
        }

        // Refused edits are refused before they are charged against the author's limits.
        Transitions.CommentTransitions.CheckEditable(current, expectedVersion);
        var now = timeProvider.GetUtcNow();
        var submission = current.Submission with { Text = text };
        var (author, article) = await StandingAsync(submission, cancellationToken).ConfigureAwait(false);
        // Each edit is charged once: a retry of the same edit (same version) is not charged again.
        var context = ContextFor(submission, author, article, now);
        var limits = await rateLimiter.AcquireAsync(submission, context, string.Create(CultureInfo.InvariantCulture, $"{commentId}@{expectedVersion}"), cancellationToken).ConfigureAwait(false);
        if (limits.Refusal is { } refusal)
        {
            metrics?.Refused(refusal.PolicyName);
            throw new RateLimitExceededException(refusal);
        }

        var decision = await DecideAsync(submission, author, article, context, cancellationToken).ConfigureAwait(false);
        var edited = current with { Submission = submission, Decision = decision, UpdatedAt = now };
        var stored = await store.EditAsync(commentId, expectedVersion, edited, cancellationToken).ConfigureAwait(false);

        // An edit is new text the rules judged and the service stored, so it counts as a new
        // comment does; a refused or conflicting edit threw above and counts nothing.
        brake?.Record(decision);
        return stored;
    }

    /// <summary>The author's standing and the article's settings, read together.</summary>
    private async Task<(AuthorRecord Author, ArticleSettings Article)> StandingAsync(CommentSubmission submission, CancellationToken cancellationToken)
    {
        var articleRead = state.GetArticleAsync(submission.ArticleId, cancellationToken);
        var authorRead = state.GetAuthorAsync(submission.Author.Id, cancellationToken);
        return (await authorRead.ConfigureAwait(false), await articleRead.ConfigureAwait(false));
    }

    /// <summary>The text history, then the rules and the moderators' settings.</summary>
    private async Task<Decisions.Decision> DecideAsync(CommentSubmission submission, AuthorRecord author, ArticleSettings article, EvaluationContext context, CancellationToken cancellationToken)
    {
        var now = context.Now;
        var ruleSet = rules.Current;

        // Recorded before the rules run, so a campaign counts this text too; skipped when no
        // rule asks, so the common path costs no extra round trip.
        var history = ruleSet.HistoryWindows.Count == 0
            ? null
            : await textHistory.RecordAsync(TextFingerprint.Of(submission.Text), submission.Author.Id, now, ruleSet.HistoryWindows, cancellationToken).ConfigureAwait(false);
        using var span = Telemetry.ModerationTracing.Source.StartActivity(Telemetry.ModerationTracing.RulesEvaluation);
        var decision = WorkflowPolicy.Apply(ruleSet.Evaluate(submission.Text, context with { History = history, DemotedRules = brake?.DemotedRules }), author, article, now, ruleSet.BuiltInReasons);
        if (span is { IsAllDataRequested: true })
        {
            span.SetTag("moderation.rules.version", ruleSet.Version);
            span.SetTag("moderation.verdict", Telemetry.ModerationMetrics.TagOf(decision.Verdict));
            span.SetTag("moderation.rules.matched", decision.Reasons.Count);
        }

        return decision;
    }

    public async Task<Comment> GetAsync(string commentId, CancellationToken cancellationToken)
    {
        var violations = new FieldViolations();
        CommentValidator.CheckId(violations, "comment_id", commentId);
        violations.ThrowIfAny();
        return await store.GetAsync(commentId, cancellationToken).ConfigureAwait(false)
            ?? throw new CommentNotFoundException(commentId);
    }

    /// <summary>What rules and limits may ask about a comment: its author's standing and its article's settings.</summary>
    private static EvaluationContext ContextFor(CommentSubmission submission, AuthorRecord author, ArticleSettings article, DateTimeOffset now) =>
        EvaluationContext.For(submission, now) with
        {
            AuthorStatus = author.StatusAt(now),
            ApprovedCount = author.ApprovedCount,
            RejectedCount = author.RejectedCount,
            ArticleMode = article.Mode,
            ArticlePublishedAt = article.PublishedAt,
        };

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
