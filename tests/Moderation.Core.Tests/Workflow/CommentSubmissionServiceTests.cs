using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moderation.Core.Comments;
using Moderation.Core.Decisions;
using Moderation.Core.Errors;
using Moderation.Core.RateLimiting;
using Moderation.Core.Rules;
using Moderation.Core.Rules.History;
using Moderation.Core.Tests.Rules;
using Moderation.Core.Workflow;
using Moderation.Testing;

namespace Moderation.Core.Tests.Workflow;

public sealed class CommentSubmissionServiceTests
{
    private readonly FakeTimeProvider _time = new(TestComments.Epoch);
    private readonly InMemoryCommentStore _records = new();
    private readonly ICommentStore _store;
    private readonly CommentSubmissionService _service;

    public CommentSubmissionServiceTests()
    {
        var options = new RateLimitOptions { Limits = [new LimitOptions { Name = "author", PermitLimit = 2 }] };
        var limiter = new SubmissionRateLimiter(new InMemoryGcraRateLimiter(_time), new SubmissionLimits(options), options, _time, NullLogger<SubmissionRateLimiter>.Instance);
        _store = TestWorkflow.Over(_records, _time);
        _service = new CommentSubmissionService(new CommentValidator(new InputLimitOptions(), _time), _store, _records, new InMemoryTextHistoryStore(), new FixedRuleSetProvider(TestRules.Parse()), limiter, _time);
    }

    [Fact]
    public async Task Submit_HoldTerm_IsStoredPendingAndQueued()
    {
        var result = await _service.SubmitAsync(TestComments.Submission("c1", "You idiot"), default);
        var queue = await _store.ListQueueAsync(new QueueQuery(QueueKind.Pending, 10), default);

        Assert.False(result.Replayed);
        Assert.Equal(CommentState.PendingReview, result.Comment.State);
        Assert.Equal(1, result.Comment.Version);
        Assert.Equal(TestComments.Epoch, result.Comment.CreatedAt);
        Assert.Equal("c1", Assert.Single(queue.Items).Comment.Id);
    }

    [Fact]
    public async Task Submit_SameIdAndText_ReplaysWithoutCountingAgainstTheLimit()
    {
        var first = await _service.SubmitAsync(TestComments.Submission("c1", "fuck"), default);
        for (int i = 0; i < 5; i++)
        {
            var replay = await _service.SubmitAsync(TestComments.Submission("c1", "fuck"), default);
            Assert.True(replay.Replayed);
            Assert.Equal(first.Comment.Decision.Verdict, replay.Comment.Decision.Verdict);
        }

        // The limit is 2: the replays above took nothing, so one more new comment fits.
        Assert.False((await _service.SubmitAsync(TestComments.Submission("c2"), default)).Replayed);
        await Assert.ThrowsAsync<RateLimitExceededException>(() => _service.SubmitAsync(TestComments.Submission("c3"), default));
    }

    [Fact]
    public async Task Submit_SameIdOtherText_IsAConflict()
    {
        await _service.SubmitAsync(TestComments.Submission("c1", "first"), default);

        await Assert.ThrowsAsync<CommentConflictException>(() => _service.SubmitAsync(TestComments.Submission("c1", "second"), default));
    }

    [Fact]
    public async Task Submit_OverTheLimit_IsRefusedAndNothingIsStored()
    {
        await _service.SubmitAsync(TestComments.Submission("c1"), default);
        await _service.SubmitAsync(TestComments.Submission("c2"), default);

        var error = await Assert.ThrowsAsync<RateLimitExceededException>(() => _service.SubmitAsync(TestComments.Submission("c3"), default));

        Assert.Equal(TimeSpan.FromSeconds(30), error.Decision.RetryAfter);
        Assert.Null(await _store.GetAsync("c3", default));
    }

    [Fact]
    public async Task Submit_InvalidFields_ReportsEveryViolation()
    {
        var bad = new CommentSubmission("bad id", "", new AuthorProfile(""), "   ", ParentId: "{x}", IpAddress: "999.1.1.1");

        var error = await Assert.ThrowsAsync<InvalidRequestException>(() => _service.SubmitAsync(bad, default));

        Assert.Equal(["comment_id", "article_id", "author.id", "parent_id", "text", "ip_address"], error.Violations.Select(v => v.Field));
    }

    [Fact]
    public async Task Submit_TextOverTheLimit_IsRefused()
    {
        var error = await Assert.ThrowsAsync<InvalidRequestException>(
            () => _service.SubmitAsync(TestComments.Submission("c1", new string('a', new InputLimitOptions().MaxTextLength + 1)), default));

        Assert.Equal("text", Assert.Single(error.Violations).Field);
    }

    [Fact]
    public async Task Submit_BannedAuthor_IsRejectedWithTheReason()
    {
        await _records.SetAuthorStatusAsync("author-1", AuthorStatus.Banned, null, default);

        var result = await _service.SubmitAsync(TestComments.Submission("c1", "A polite remark."), default);

        Assert.Equal(Verdict.Rejected, result.Comment.Decision.Verdict);
        Assert.Equal("author-banned", result.Comment.Decision.Reasons.Single().RuleId);
    }

    [Fact]
    public async Task Submit_SuspendedAuthor_IsRejectedUntilTheSuspensionEnds()
    {
        await _records.SetAuthorStatusAsync("author-1", AuthorStatus.Suspended, _time.GetUtcNow().AddHours(1), default);

        var during = await _service.SubmitAsync(TestComments.Submission("c1", "First."), default);
        _time.Advance(TimeSpan.FromHours(2));
        var after = await _service.SubmitAsync(TestComments.Submission("c2", "Second."), default);

        Assert.Equal(Verdict.Rejected, during.Comment.Decision.Verdict);
        Assert.Equal(Verdict.Approved, after.Comment.Decision.Verdict);
    }

    [Fact]
    public async Task Submit_PremoderatedAuthorOrArticle_IsHeld()
    {
        await _records.SetAuthorStatusAsync("watched", AuthorStatus.Premoderated, null, default);
        await _records.UpsertArticleAsync(new ArticleSettings("sensitive", ArticleMode.Premoderated), default);

        var byAuthor = await _service.SubmitAsync(TestComments.Submission("c1", "Hello.", author: "watched"), default);
        var onArticle = await _service.SubmitAsync(TestComments.Submission("c2", "Hello.", article: "sensitive"), default);

        Assert.Equal(("author-premoderated", CommentState.PendingReview), (byAuthor.Comment.Decision.Reasons.Single().RuleId, byAuthor.Comment.State));
        Assert.Equal(("article-premoderated", CommentState.PendingReview), (onArticle.Comment.Decision.Reasons.Single().RuleId, onArticle.Comment.State));
    }

    [Fact]
    public async Task Submit_ClosedArticle_IsRefusedAndStoresNothing()
    {
        await _records.UpsertArticleAsync(new ArticleSettings("old-news", ArticleMode.Open, ClosesAt: _time.GetUtcNow().AddMinutes(-1)), default);

        await Assert.ThrowsAsync<ArticleClosedException>(() => _service.SubmitAsync(TestComments.Submission("c1", article: "old-news"), default));
        Assert.Null(await _store.GetAsync("c1", default));
    }

    [Fact]
    public async Task Submit_TrustedAuthor_SkipsHoldRulesButNotRejectRules()
    {
        await _records.SetAuthorStatusAsync("veteran", AuthorStatus.Trusted, null, default);

        var held = await _service.SubmitAsync(TestComments.Submission("c1", "You idiot", author: "veteran"), default);
        var rejected = await _service.SubmitAsync(TestComments.Submission("c2", "fuck off", author: "veteran"), default);

        Assert.Equal(Verdict.Approved, held.Comment.Decision.Verdict);
        Assert.True(held.Comment.Decision.Reasons.Single().Shadow);
        Assert.Equal(Verdict.Rejected, rejected.Comment.Decision.Verdict);
    }

    [Fact]
    public async Task Get_UnknownComment_IsNotFound()
    {
        await Assert.ThrowsAsync<CommentNotFoundException>(() => _service.GetAsync("missing", default));
    }

    [Fact]
    public async Task Get_SubmittedComment_ReturnsItsDecision()
    {
        await _service.SubmitAsync(TestComments.Submission("c1", "fuck this"), default);

        var comment = await _service.GetAsync("c1", default);

        Assert.Equal(Verdict.Rejected, comment.Decision.Verdict);
        Assert.Equal(CommentState.Rejected, comment.State);
    }
}
