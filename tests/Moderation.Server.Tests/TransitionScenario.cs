using Google.Rpc;
using Grpc.Core;
using Moderation.Api.V1;
using Moderation.Server.Auth;

namespace Moderation.Server.Tests;

/// <summary>
/// The moderation state machine as clients see it, run against each store: each test pins a
/// transition one store once got wrong (issue 11).
/// </summary>
public abstract class TransitionScenario(IServerFixture server)
{
    private readonly CommentService.CommentServiceClient _comments = new(server.Factory.ChannelFor(Roles.Site));
    private readonly ModerationService.ModerationServiceClient _moderation = new(server.Factory.ChannelFor(Roles.Moderator));
    private readonly ModerationService.ModerationServiceClient _otherModerator = new(server.Factory.ChannelFor(Roles.Admin));

    private const string ShoutedText = "THIS GOVERNMENT HAS LIED ABOUT THE CASUALTIES FOR MONTHS";

    private async Task<SubmitCommentRequest> PublishAsync(string text = "A provocative but clean opinion.", string? article = null)
    {
        var request = Requests.Submit(text);
        request.ArticleId = article ?? request.ArticleId;
        await _comments.SubmitCommentAsync(request);
        return request;
    }

    private async Task<ReportCommentResponse> ReportAsync(SubmitCommentRequest comment, string reader) =>
        await _comments.ReportCommentAsync(new ReportCommentRequest { CommentId = comment.CommentId, ReporterId = reader, Reason = ReasonCode.Abuse });

    private async Task ReportByReadersAsync(SubmitCommentRequest comment, int readers)
    {
        for (int i = 1; i <= readers; i++)
        {
            await ReportAsync(comment, $"{comment.CommentId}-reader-{i}");
        }
    }

    private async Task<IReadOnlyList<QueueItem>> QueueOfAsync(Queue queue, SubmitCommentRequest comment) =>
        (await _moderation.ListQueueAsync(new ListQueueRequest { Queue = queue, AuthorId = comment.Author.Id })).Items;

    private Task<EditCommentResponse> EditAsync(SubmitCommentRequest comment, string text, long expectedVersion) =>
        _comments.EditCommentAsync(new EditCommentRequest { CommentId = comment.CommentId, AuthorId = comment.Author.Id, Text = text, ExpectedVersion = expectedVersion }).ResponseAsync;

    private Task<DecideCommentResponse> ApproveAsync(SubmitCommentRequest comment, long version) =>
        _moderation.DecideCommentAsync(new DecideCommentRequest { CommentId = comment.CommentId, Verdict = Verdict.Approved, ReasonCode = ReasonCode.Other, ExpectedVersion = version }).ResponseAsync;

    [Fact]
    public async Task DecideComment_ApprovingAReportedComment_DismissesItsReports()
    {
        var comment = await PublishAsync();
        await ReportByReadersAsync(comment, 3);

        var approved = await ApproveAsync(comment, 1);
        var newReader = await ReportAsync(comment, "a-new-reader");
        var earlierReader = await ReportAsync(comment, $"{comment.CommentId}-reader-1");

        Assert.False(approved.Unchanged);
        Assert.Equal((3u, 2L), (approved.ReportsDismissed, approved.Comment.Version));
        Assert.Equal((1u, CommentState.Approved, false), (newReader.ReportCount, newReader.State, newReader.Duplicate));
        Assert.True(earlierReader.Duplicate);
        Assert.Empty(await QueueOfAsync(Queue.Reported, comment));
        var history = await _moderation.GetCommentHistoryAsync(new GetCommentHistoryRequest { CommentId = comment.CommentId });
        Assert.Contains(history.Entries, e => e.Action == "reports-dismissed");
    }

    [Fact]
    public async Task DecideComment_ApprovingAHiddenComment_DismissesItsReportsSoOneMoreDoesNotHideIt()
    {
        var comment = await PublishAsync();
        await ReportByReadersAsync(comment, 5);

        var approved = await ApproveAsync(comment, 2);
        var oneMore = await ReportAsync(comment, "a-new-reader");

        Assert.Equal((CommentState.Approved, 5u), (approved.Comment.State, approved.ReportsDismissed));
        Assert.Equal((1u, CommentState.Approved), (oneMore.ReportCount, oneMore.State));
        Assert.Empty(await QueueOfAsync(Queue.Hidden, comment));
        Assert.Empty(await QueueOfAsync(Queue.Reported, comment));
    }

    [Fact]
    public async Task DecideComment_SameApprovalRetried_IsUnchanged()
    {
        var comment = await PublishAsync();
        await ReportByReadersAsync(comment, 3);

        await ApproveAsync(comment, 1);
        var retried = await ApproveAsync(comment, 1);

        Assert.True(retried.Unchanged);
        Assert.Equal((0u, 2L), (retried.ReportsDismissed, retried.Comment.Version));
    }

    [Fact]
    public async Task EditComment_HiddenComment_StaysHiddenUntilAModeratorDecides()
    {
        var comment = await PublishAsync();
        await ReportByReadersAsync(comment, 5);

        var edited = await EditAsync(comment, "A calmer version of my opinion.", 2);

        Assert.Equal(CommentState.Hidden, edited.State);
        Assert.Equal(Verdict.Approved, edited.Decision.Verdict);
        Assert.Equal(3L, Assert.Single(await QueueOfAsync(Queue.Hidden, comment)).Comment.Version);
    }

    [Fact]
    public async Task EditComment_ReportedCommentEditedToNeedReview_LeavesTheReportedQueueEverywhere()
    {
        string article = Requests.NewId("article");
        var comment = await PublishAsync(article: article);
        await ReportByReadersAsync(comment, 3);

        var edited = await EditAsync(comment, "That is bullshit.", 1);
        var stats = await _moderation.GetQueueStatsAsync(new GetQueueStatsRequest { ArticleId = article });
        var claimed = await _moderation.ClaimCommentsAsync(new ClaimCommentsRequest { Queue = Queue.Reported, MaxItems = 5, ArticleId = article });

        Assert.Equal(CommentState.PendingReview, edited.State);
        Assert.Empty(await QueueOfAsync(Queue.Reported, comment));
        Assert.Single(await QueueOfAsync(Queue.Pending, comment));
        Assert.Equal((0u, 1u), (stats.Queues.Single(q => q.Queue == Queue.Reported).Depth, stats.Queues.Single(q => q.Queue == Queue.Pending).Depth));
        Assert.Empty(claimed.Items);
    }

    [Fact]
    public async Task EditComment_ApprovedCommentStillReported_StaysInTheReportedQueue()
    {
        var comment = await PublishAsync();
        await ReportByReadersAsync(comment, 3);

        var edited = await EditAsync(comment, "Still my opinion, reworded.", 1);

        Assert.Equal(CommentState.Approved, edited.State);
        var item = Assert.Single(await QueueOfAsync(Queue.Reported, comment));
        Assert.Equal(("Still my opinion, reworded.", 3u), (item.Comment.Text, item.ReportCount));
    }

    [Fact]
    public async Task EditComment_OverTheAuthorsRateLimit_IsResourceExhausted()
    {
        // The test host allows an author five comments a minute: one submission and four edits use them up.
        var comment = await PublishAsync();
        for (int version = 1; version <= 4; version++)
        {
            await EditAsync(comment, $"Edit number {version}", version);
        }

        var (code, status) = await Requests.FailureOf(() => EditAsync(comment, "One edit too many", 5));

        Assert.Equal(StatusCode.ResourceExhausted, code);
        Assert.NotNull(status.GetDetail<RetryInfo>());
        Assert.Equal("Edit number 4", (await _comments.GetCommentAsync(new GetCommentRequest { CommentId = comment.CommentId })).Comment.Text);
    }

    [Fact]
    public async Task ClaimComments_SecondClaim_HandsOutTheNextUnclaimedItems()
    {
        string article = Requests.NewId("article");
        var held = new List<string>();
        for (int i = 0; i < 3; i++)
        {
            held.Add((await PublishAsync("That is bullshit.", article)).CommentId);
        }

        var first = await _moderation.ClaimCommentsAsync(new ClaimCommentsRequest { Queue = Queue.Pending, MaxItems = 2, ArticleId = article });
        var second = await _moderation.ClaimCommentsAsync(new ClaimCommentsRequest { Queue = Queue.Pending, MaxItems = 2, ArticleId = article });

        // Comments submitted in one millisecond are in id order, so compare what each claim got.
        Assert.Equal(2, first.Items.Count);
        Assert.Single(second.Items);
        Assert.Equal(held.Order(), first.Items.Concat(second.Items).Select(i => i.Comment.CommentId).Order());
    }

    [Fact]
    public async Task DecideComment_LeasedToAnotherModerator_IsFailedPreconditionUnlessOverridden()
    {
        string article = Requests.NewId("article");
        var comment = await PublishAsync("That is bullshit.", article);
        var claimed = await _moderation.ClaimCommentsAsync(new ClaimCommentsRequest { Queue = Queue.Pending, MaxItems = 1, ArticleId = article });
        var decide = new DecideCommentRequest { CommentId = comment.CommentId, Verdict = Verdict.Rejected, ReasonCode = ReasonCode.Abuse, ExpectedVersion = 1 };

        var (code, status) = await Requests.FailureOf(() => _otherModerator.DecideCommentAsync(decide).ResponseAsync);
        var overridden = await _otherModerator.DecideCommentAsync(new DecideCommentRequest(decide) { OverrideLease = true });

        Assert.Single(claimed.Items);
        Assert.Equal(StatusCode.FailedPrecondition, code);
        Assert.Equal("LEASE_HELD", Assert.Single(status.GetDetail<PreconditionFailure>()!.Violations).Type);
        Assert.Equal(CommentState.Rejected, overridden.Comment.State);
    }

    [Fact]
    public async Task DecideComment_ByTheLeaseHolder_Succeeds()
    {
        string article = Requests.NewId("article");
        var comment = await PublishAsync("That is bullshit.", article);
        await _moderation.ClaimCommentsAsync(new ClaimCommentsRequest { Queue = Queue.Pending, MaxItems = 1, ArticleId = article });

        var approved = await ApproveAsync(comment, 1);

        Assert.Equal(CommentState.Approved, approved.Comment.State);
    }

    [Fact]
    public async Task SubmitComment_FlagRule_IsPublishedAndQueuedAsFlaggedByRules()
    {
        var comment = await PublishAsync(ShoutedText);

        var item = Assert.Single(await QueueOfAsync(Queue.Reported, comment));

        Assert.Equal((CommentState.Approved, true), (item.Comment.State, item.Comment.Decision.Flagged));
        Assert.Equal((true, 0u), (item.FlaggedByRules, item.ReportCount));
    }

    [Fact]
    public async Task SubmitComment_FlagRuleOnAHeldComment_IsNotFlagged()
    {
        string article = Requests.NewId("article");
        await _comments.UpsertArticleAsync(new UpsertArticleRequest { Article = new Article { ArticleId = article, Mode = ArticleMode.Premoderated } });

        var comment = await PublishAsync(ShoutedText, article);
        var stored = (await _comments.GetCommentAsync(new GetCommentRequest { CommentId = comment.CommentId })).Comment;

        Assert.Equal((CommentState.PendingReview, false), (stored.State, stored.Decision.Flagged));
        Assert.Empty(await QueueOfAsync(Queue.Reported, comment));
        Assert.Single(await QueueOfAsync(Queue.Pending, comment));
    }
}

public sealed class TransitionInMemoryTests(InMemoryServer server) : TransitionScenario(server), IClassFixture<InMemoryServer>;

public sealed class TransitionRedisTests(RedisBackedServer server) : TransitionScenario(server), IClassFixture<RedisBackedServer>;
