using Google.Rpc;
using Grpc.Core;
using Moderation.Api.V1;
using Moderation.Server.Auth;

namespace Moderation.Server.Tests;

/// <summary>
/// The path from request to stored decision, run once against each store: what the site and
/// moderators rely on whichever store an operator configures.
/// </summary>
public abstract class SubmitCommentScenario(IServerFixture server)
{
    private readonly CommentService.CommentServiceClient _comments = new(server.Factory.ChannelFor(Roles.Site));
    private readonly ModerationService.ModerationServiceClient _moderation = new(server.Factory.ChannelFor(Roles.Moderator));

    [Fact]
    public async Task SubmitComment_CleanText_IsApproved()
    {
        var reply = await _comments.SubmitCommentAsync(Requests.Submit("The new bridge opens in May."));

        Assert.Equal(Verdict.Approved, reply.Decision.Verdict);
        Assert.Equal(CommentState.Approved, reply.State);
        Assert.Equal(1, reply.Version);
        Assert.Empty(reply.Decision.Reasons);
        Assert.False(reply.Replayed);
    }

    [Fact]
    public async Task SubmitComment_BlockTerm_IsRejectedWithTheMatchedSpan()
    {
        var reply = await _comments.SubmitCommentAsync(Requests.Submit("😀 What a fucking mess"));

        Assert.Equal(Verdict.Rejected, reply.Decision.Verdict);
        var reason = Assert.Single(reply.Decision.Reasons);
        Assert.Equal("profanity-strong", reason.RuleId);
        Assert.Equal(RuleAction.Reject, reason.Action);
        Assert.NotEmpty(reason.AuthorMessage);
        var span = Assert.Single(reason.Spans);
        Assert.Equal((9u, 16u), (span.Start, span.End));
    }

    [Fact]
    public async Task SubmitComment_HoldTerm_IsPendingAndListedByListQueue()
    {
        string author = Requests.NewId("u");
        var held = await _comments.SubmitCommentAsync(Requests.Submit("That is bullshit.", author));

        var queue = await _moderation.ListQueueAsync(new ListQueueRequest { Queue = Queue.Pending, AuthorId = author });

        Assert.Equal(Verdict.PendingReview, held.Decision.Verdict);
        Assert.Equal(CommentState.PendingReview, held.State);
        var item = Assert.Single(queue.Items);
        Assert.Equal(Queue.Pending, item.Queue);
        Assert.Equal("profanity-mild", item.Comment.Decision.Reasons.Single().RuleId);
    }

    [Fact]
    public async Task SubmitComment_SixthInAMinuteFromOneAuthor_IsResourceExhaustedWithRetryInfo()
    {
        string author = Requests.NewId("u");
        for (int i = 0; i < 5; i++)
        {
            await _comments.SubmitCommentAsync(Requests.Submit($"Comment number {i}", author));
        }

        var (code, status) = await Requests.FailureOf(() => _comments.SubmitCommentAsync(Requests.Submit("One too many", author)).ResponseAsync);

        Assert.Equal(StatusCode.ResourceExhausted, code);
        var retry = status.GetDetail<RetryInfo>();
        Assert.NotNull(retry);
        Assert.InRange(retry.RetryDelay.ToTimeSpan(), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(12));
        var quota = status.GetDetail<QuotaFailure>();
        Assert.NotNull(quota);
        Assert.Equal("author", Assert.Single(quota.Violations).Subject);
        Assert.DoesNotContain(author, quota.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubmitComment_SameIdAgain_ReturnsTheSameDecisionAndCountsNothing()
    {
        string author = Requests.NewId("u");
        var first = Requests.Submit("You fucking liar", author);
        var original = await _comments.SubmitCommentAsync(first);

        // Five retries of one comment, then four new ones: had the retries counted, the limit
        // of five would refuse the new ones.
        for (int i = 0; i < 5; i++)
        {
            var replay = await _comments.SubmitCommentAsync(first);
            Assert.True(replay.Replayed);
            Assert.Equal(original.Decision, replay.Decision);
            Assert.Equal(original.Version, replay.Version);
        }

        for (int i = 0; i < 4; i++)
        {
            await _comments.SubmitCommentAsync(Requests.Submit($"New comment {i}", author));
        }
    }

    [Fact]
    public async Task SubmitComment_TwentyConcurrentRetriesOfANewId_OneIsCreatedAndNoneIsCharged()
    {
        string author = Requests.NewId("u");
        var request = Requests.Submit("A first comment, sent twenty times at once", author);

        var replies = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => _comments.SubmitCommentAsync(request).ResponseAsync));

        Assert.Equal(1, replies.Count(r => !r.Replayed));
        Assert.All(replies, r => Assert.Equal(replies[0].Decision, r.Decision));

        // The author's limit is five a minute: only the one created comment was charged.
        for (int i = 0; i < 4; i++)
        {
            await _comments.SubmitCommentAsync(Requests.Submit($"Another comment {i}", author));
        }
    }

    [Fact]
    public async Task SubmitComment_SameIdOtherText_IsAlreadyExists()
    {
        var first = Requests.Submit("First text");
        await _comments.SubmitCommentAsync(first);
        first.Text = "Second text";

        var (code, _) = await Requests.FailureOf(() => _comments.SubmitCommentAsync(first).ResponseAsync);

        Assert.Equal(StatusCode.AlreadyExists, code);
    }

    [Fact]
    public async Task GetComment_SubmittedComment_ReturnsItAsStored()
    {
        var request = Requests.Submit("Shit happens");
        await _comments.SubmitCommentAsync(request);

        var comment = (await _comments.GetCommentAsync(new GetCommentRequest { CommentId = request.CommentId })).Comment;

        Assert.Equal(request.Text, comment.Text);
        Assert.Equal(request.Author.Id, comment.AuthorId);
        Assert.Equal(CommentState.PendingReview, comment.State);
        Assert.NotNull(comment.CreatedAt);
    }

    [Fact]
    public async Task DecideComment_HeldComment_IsApprovedAndLeavesTheQueue()
    {
        string author = Requests.NewId("u");
        var request = Requests.Submit("click here for the results", author);
        await _comments.SubmitCommentAsync(request);

        var decided = await _moderation.DecideCommentAsync(new DecideCommentRequest
        {
            CommentId = request.CommentId,
            Verdict = Verdict.Approved,
            ReasonCode = ReasonCode.Other,
            Note = "A link to the council's own page.",
            ExpectedVersion = 1,
        });
        var queue = await _moderation.ListQueueAsync(new ListQueueRequest { Queue = Queue.Pending, AuthorId = author });

        Assert.Equal(CommentState.Approved, decided.Comment.State);
        Assert.Equal(2, decided.Comment.Version);
        Assert.Equal("A link to the council's own page.", decided.Comment.ModeratorDecision.Note);
        Assert.Equal("moderator-test", decided.Comment.ModeratorDecision.ModeratorId);
        Assert.Empty(queue.Items);
    }

    [Fact]
    public async Task DecideComment_StaleVersion_IsAbortedAndChangesNothing()
    {
        var request = Requests.Submit("bullshit");
        await _comments.SubmitCommentAsync(request);
        await _moderation.DecideCommentAsync(new DecideCommentRequest { CommentId = request.CommentId, Verdict = Verdict.Approved, ExpectedVersion = 1 });

        var (code, status) = await Requests.FailureOf(() => _moderation.DecideCommentAsync(
            new DecideCommentRequest { CommentId = request.CommentId, Verdict = Verdict.Rejected, ExpectedVersion = 1 }).ResponseAsync);
        var comment = (await _comments.GetCommentAsync(new GetCommentRequest { CommentId = request.CommentId })).Comment;

        Assert.Equal(StatusCode.Aborted, code);
        Assert.Equal("2", status.GetDetail<ErrorInfo>()!.Metadata["current_version"]);
        Assert.Equal(CommentState.Approved, comment.State);
    }
}

public abstract class WorkflowScenario(IServerFixture server)
{
    private readonly CommentService.CommentServiceClient _comments = new(server.Factory.ChannelFor(Roles.Site));
    private readonly ModerationService.ModerationServiceClient _moderation = new(server.Factory.ChannelFor(Roles.Moderator));

    [Fact]
    public async Task GetCommentHistory_AfterADecision_NamesTheModeratorFromTheCredential()
    {
        var request = Requests.Submit("What bullshit");
        await _comments.SubmitCommentAsync(request);
        await _moderation.DecideCommentAsync(new DecideCommentRequest { CommentId = request.CommentId, Verdict = Verdict.Rejected, ReasonCode = ReasonCode.Abuse, Note = "Rude", ExpectedVersion = 1 });

        var history = await _moderation.GetCommentHistoryAsync(new GetCommentHistoryRequest { CommentId = request.CommentId });

        Assert.Equal(["submitted", "rejected"], history.Entries.Select(e => e.Action));
        Assert.Equal(("system", "What bullshit"), (history.Entries[0].Actor, history.Entries[0].Text));
        Assert.Equal(["profanity-mild"], history.Entries[0].RuleIds);
        Assert.Equal(("moderator-test", 2L, ReasonCode.Abuse, "Rude"), (history.Entries[1].Actor, history.Entries[1].Version, history.Entries[1].ReasonCode, history.Entries[1].Note));
        Assert.Empty(history.NextPageToken);
    }

    [Fact]
    public async Task SetAuthorStatus_BanWithRejectPending_RejectsTheirQueueAndTheirNextComments()
    {
        string author = Requests.NewId("troll");
        await _comments.SubmitCommentAsync(Requests.Submit("bullshit one", author));
        await _comments.SubmitCommentAsync(Requests.Submit("bullshit two", author));

        var banned = await _moderation.SetAuthorStatusAsync(new SetAuthorStatusRequest { AuthorId = author, Status = AuthorStatus.Banned, RejectPending = true, Note = "Spam run" });
        var queue = await _moderation.ListQueueAsync(new ListQueueRequest { Queue = Queue.Pending, AuthorId = author });
        var next = await _comments.SubmitCommentAsync(Requests.Submit("A perfectly polite comment.", author));

        Assert.Equal((AuthorStatus.Banned, 2u, 2u), (banned.Status, banned.RejectedPendingCount, banned.RejectedCount));
        Assert.Empty(queue.Items);
        Assert.Equal(Verdict.Rejected, next.Decision.Verdict);
        Assert.Equal("author-banned", next.Decision.Reasons.Single().RuleId);
    }

    [Fact]
    public async Task GetAuthor_AfterABanAndASuspensionThatEnded_ShowsTheStandingInForce()
    {
        string author = Requests.NewId("author");
        var unknown = await _moderation.GetAuthorAsync(new GetAuthorRequest { AuthorId = author });
        await _comments.SubmitCommentAsync(Requests.Submit("bullshit one", author));
        await _moderation.SetAuthorStatusAsync(new SetAuthorStatusRequest { AuthorId = author, Status = AuthorStatus.Banned, RejectPending = true });

        var banned = await _moderation.GetAuthorAsync(new GetAuthorRequest { AuthorId = author });
        var (code, status) = await Requests.FailureOf(() => _moderation.GetAuthorAsync(new GetAuthorRequest()).ResponseAsync);

        Assert.Equal((AuthorStatus.Normal, 0u, 0u), (unknown.Status, unknown.ApprovedCount, unknown.RejectedCount));
        Assert.Equal((AuthorStatus.Banned, 1u), (banned.Status, banned.RejectedCount));
        Assert.Equal(CommentState.Rejected, Assert.Single(banned.RecentComments).State);
        Assert.Empty(unknown.RecentComments);
        Assert.Equal(StatusCode.InvalidArgument, code);
        Assert.Equal("author_id", status.GetDetail<BadRequest>()!.FieldViolations.Single().Field);
    }

    [Fact]
    public async Task GetComment_SubmittedWithAnAuthorProfile_CarriesItForModerators()
    {
        var request = Requests.Submit("Calm words about the report.");
        request.Author.DisplayName = "Ann Reader";
        request.Author.CreatedAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(new DateTimeOffset(2020, 5, 1, 0, 0, 0, TimeSpan.Zero));
        await _comments.SubmitCommentAsync(request);

        var stored = await _comments.GetCommentAsync(new GetCommentRequest { CommentId = request.CommentId });

        Assert.Equal(("Ann Reader", request.Author.CreatedAt), (stored.Comment.Author.DisplayName, stored.Comment.Author.CreatedAt));
    }

    [Fact]
    public async Task SetAuthorStatus_SuspendedWithoutAnEnd_IsInvalidArgument()
    {
        var (code, status) = await Requests.FailureOf(() => _moderation.SetAuthorStatusAsync(
            new SetAuthorStatusRequest { AuthorId = "someone", Status = AuthorStatus.Suspended }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, code);
        Assert.Equal("suspended_until", status.GetDetail<BadRequest>()!.FieldViolations.Single().Field);
    }

    [Fact]
    public async Task UpsertArticle_Closed_RefusesNewCommentsWithFailedPrecondition()
    {
        string article = Requests.NewId("article");
        await _comments.UpsertArticleAsync(new UpsertArticleRequest { Article = new Article { ArticleId = article, Mode = ArticleMode.Closed } });
        var request = Requests.Submit("Too late?");
        request.ArticleId = article;

        var (code, status) = await Requests.FailureOf(() => _comments.SubmitCommentAsync(request).ResponseAsync);

        Assert.Equal(StatusCode.FailedPrecondition, code);
        Assert.Equal("ARTICLE_CLOSED", status.GetDetail<PreconditionFailure>()!.Violations.Single().Type);
    }

    [Fact]
    public async Task UpsertArticle_Premoderated_HoldsEveryComment()
    {
        string article = Requests.NewId("article");
        var stored = await _comments.UpsertArticleAsync(new UpsertArticleRequest { Article = new Article { ArticleId = article, Mode = ArticleMode.Premoderated } });
        var request = Requests.Submit("A calm and clean comment.");
        request.ArticleId = article;

        var reply = await _comments.SubmitCommentAsync(request);

        Assert.Equal(ArticleMode.Premoderated, stored.Article.Mode);
        Assert.Equal((Verdict.PendingReview, "article-premoderated"), (reply.Decision.Verdict, reply.Decision.Reasons.Single().RuleId));
    }

    [Fact]
    public async Task EditComment_ApprovedCommentEditedToNeedReview_GoesBackToThePendingQueue()
    {
        string author = Requests.NewId("u");
        var request = Requests.Submit("A fair point about the budget.", author);
        var first = await _comments.SubmitCommentAsync(request);

        var edit = await _comments.EditCommentAsync(new EditCommentRequest { CommentId = request.CommentId, AuthorId = author, Text = "A fair point, you idiots.", ExpectedVersion = first.Version });
        var queue = await _moderation.ListQueueAsync(new ListQueueRequest { Queue = Queue.Pending, AuthorId = author });
        var history = await _moderation.GetCommentHistoryAsync(new GetCommentHistoryRequest { CommentId = request.CommentId });

        Assert.Equal((Verdict.Approved, Verdict.PendingReview, 2L), (first.Decision.Verdict, edit.Decision.Verdict, edit.Version));
        Assert.Equal(request.CommentId, Assert.Single(queue.Items).Comment.CommentId);
        Assert.Equal(["A fair point about the budget.", "A fair point, you idiots."], history.Entries.Select(e => e.Text));
    }

    [Fact]
    public async Task EditComment_SomeoneElseOrStaleOrRejected_IsRefused()
    {
        string author = Requests.NewId("u");
        var request = Requests.Submit("Original text.", author);
        await _comments.SubmitCommentAsync(request);
        var rejectedRequest = Requests.Submit("fuck this", author);
        await _comments.SubmitCommentAsync(rejectedRequest);

        var (notAuthor, _) = await Requests.FailureOf(() => _comments.EditCommentAsync(new EditCommentRequest { CommentId = request.CommentId, AuthorId = "impostor", Text = "Mine now", ExpectedVersion = 1 }).ResponseAsync);
        var (stale, _) = await Requests.FailureOf(() => _comments.EditCommentAsync(new EditCommentRequest { CommentId = request.CommentId, AuthorId = author, Text = "Edit", ExpectedVersion = 7 }).ResponseAsync);
        var (rejected, _) = await Requests.FailureOf(() => _comments.EditCommentAsync(new EditCommentRequest { CommentId = rejectedRequest.CommentId, AuthorId = author, Text = "Sorry, nice now", ExpectedVersion = 1 }).ResponseAsync);

        Assert.Equal((StatusCode.PermissionDenied, StatusCode.Aborted, StatusCode.FailedPrecondition), (notAuthor, stale, rejected));
    }

    [Fact]
    public async Task WatchDecisions_DisconnectAndResumeFromTheLastCursor_MissesNothingAndRepeatsNothing()
    {
        string article = Requests.NewId("article");
        string first = await HeldAndDecidedAsync(article, "bullshit one", Verdict.Approved);
        string second = await HeldAndDecidedAsync(article, "bullshit two", Verdict.Rejected);
        var seen = await ReadEventsAsync(new WatchDecisionsRequest { Cursor = "0-0", ArticleIds = { article } }, count: 2);

        // Disconnected: a decision happens meanwhile.
        string third = await HeldAndDecidedAsync(article, "bullshit three", Verdict.Approved);
        var resumed = await ReadEventsAsync(new WatchDecisionsRequest { Cursor = seen[^1].Cursor, ArticleIds = { article } }, count: 1);

        Assert.Equal([(first, CommentState.Approved), (second, CommentState.Rejected)], seen.Select(e => (e.CommentId, e.State)));
        Assert.Equal((third, CommentState.Approved, 2L, "moderator"), (resumed.Single().CommentId, resumed.Single().State, resumed.Single().Version, resumed.Single().Cause));
    }

    [Fact]
    public async Task ReportComment_ThreeThenFiveReaders_QueueThenHideUntilAModeratorRejects()
    {
        var request = Requests.Submit("A provocative but clean opinion.");
        await _comments.SubmitCommentAsync(request);
        async Task<ReportCommentResponse> Report(string reader) =>
            await _comments.ReportCommentAsync(new ReportCommentRequest { CommentId = request.CommentId, ReporterId = reader, Reason = ReasonCode.Abuse });

        for (int i = 1; i <= 3; i++)
        {
            await Report($"{request.CommentId}-reader-{i}");
        }

        var reported = await _moderation.ListQueueAsync(new ListQueueRequest { Queue = Queue.Reported, AuthorId = request.Author.Id });
        var repeated = await Report($"{request.CommentId}-reader-3");
        await Report($"{request.CommentId}-reader-4");
        var hiding = await Report($"{request.CommentId}-reader-5");
        var hidden = await _moderation.ListQueueAsync(new ListQueueRequest { Queue = Queue.Hidden, AuthorId = request.Author.Id });
        var rejected = await _moderation.DecideCommentAsync(new DecideCommentRequest { CommentId = request.CommentId, Verdict = Verdict.Rejected, ReasonCode = ReasonCode.Abuse, ExpectedVersion = 2 });

        Assert.Equal(3u, Assert.Single(reported.Items).ReportCount);
        Assert.True(repeated.Duplicate);
        Assert.Equal((5u, CommentState.Hidden), (hiding.ReportCount, hiding.State));
        Assert.Equal(CommentState.Hidden, Assert.Single(hidden.Items).Comment.State);
        Assert.Equal(CommentState.Rejected, rejected.Comment.State);
        Assert.Empty((await _moderation.ListQueueAsync(new ListQueueRequest { Queue = Queue.Hidden, AuthorId = request.Author.Id })).Items);
    }

    [Fact]
    public async Task GetQueueStats_ForAnArticle_CountsItsHeldComments()
    {
        string article = Requests.NewId("article");
        for (int i = 0; i < 2; i++)
        {
            var request = Requests.Submit($"bullshit number {i}");
            request.ArticleId = article;
            await _comments.SubmitCommentAsync(request);
        }

        var stats = (await _moderation.GetQueueStatsAsync(new GetQueueStatsRequest { ArticleId = article })).Queues.ToDictionary(q => q.Queue);

        Assert.Equal(2u, stats[Queue.Pending].Depth);
        Assert.True(stats[Queue.Pending].OldestAge.ToTimeSpan() >= TimeSpan.Zero);
        Assert.Equal(0u, stats[Queue.Reported].Depth);
        Assert.Equal(0u, stats[Queue.Hidden].Depth);
    }

    [Fact]
    public async Task ClaimComments_TwoModerators_GetDifferentItemsUnderTheirOwnNames()
    {
        string article = Requests.NewId("article");
        for (int i = 0; i < 3; i++)
        {
            var request = Requests.Submit($"bullshit claim {i}");
            request.ArticleId = article;
            await _comments.SubmitCommentAsync(request);
        }

        var admin = new ModerationService.ModerationServiceClient(server.Factory.ChannelFor(Roles.Admin));
        var mine = await _moderation.ClaimCommentsAsync(new ClaimCommentsRequest { Queue = Queue.Pending, MaxItems = 2, ArticleId = article });
        var theirs = await admin.ClaimCommentsAsync(new ClaimCommentsRequest { Queue = Queue.Pending, MaxItems = 2, ArticleId = article });
        var released = await _moderation.ReleaseCommentsAsync(new ReleaseCommentsRequest { CommentIds = { mine.Items[0].Comment.CommentId } });

        Assert.Equal(2, mine.Items.Count);
        Assert.All(mine.Items, item => Assert.Equal("moderator-test", item.ClaimedBy));
        Assert.Equal("admin-test", Assert.Single(theirs.Items).ClaimedBy);
        Assert.DoesNotContain(theirs.Items[0].Comment.CommentId, mine.Items.Select(i => i.Comment.CommentId));
        Assert.Equal([mine.Items[0].Comment.CommentId], released.ReleasedCommentIds);
    }

    [Fact]
    public async Task WatchQueue_HeldThenDecided_ShowsTheItemEnterAndLeaveWithDepths()
    {
        string article = Requests.NewId("article");
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        using var watch = _moderation.WatchQueue(new WatchQueueRequest { Queue = Queue.Pending, ArticleId = article }, cancellationToken: deadline.Token);
        var request = Requests.Submit("bullshit on screen");
        request.ArticleId = article;
        await _comments.SubmitCommentAsync(request);

        Assert.True(await watch.ResponseStream.MoveNext(deadline.Token));
        var entered = watch.ResponseStream.Current;
        await _moderation.DecideCommentAsync(new DecideCommentRequest { CommentId = request.CommentId, Verdict = Verdict.Approved, ExpectedVersion = 1 });
        Assert.True(await watch.ResponseStream.MoveNext(deadline.Token));
        var left = watch.ResponseStream.Current;

        Assert.Equal((request.CommentId, true, 1u, Queue.Pending), (entered.CommentId, entered.Entered, entered.Depth, entered.Queue));
        Assert.Equal((request.CommentId, false, 0u), (left.CommentId, left.Entered, left.Depth));
    }

    [Fact]
    public async Task WatchDecisions_ForeignCursor_IsInvalidArgument()
    {
        using var call = _comments.WatchDecisions(new WatchDecisionsRequest { Cursor = "yesterday" });

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(default));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
    }

    [Fact]
    public async Task WatchDecisions_ForeignCursorBesideABadArticle_NamesBoth()
    {
        using var call = _comments.WatchDecisions(new WatchDecisionsRequest { Cursor = "forged", ArticleIds = { "a b" } });

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(default));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(["article_ids", "cursor"], error.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations.Select(v => v.Field));
    }

    [Fact]
    public async Task WatchDecisions_CursorAfterTheNewestEvent_IsInvalidArgument()
    {
        // Shaped like a real cursor, a day ahead: no event of this log has it, so a watch from it would never deliver.
        string ahead = $"{DateTimeOffset.UtcNow.AddDays(1).ToUnixTimeMilliseconds()}-0";
        using var call = _comments.WatchDecisions(new WatchDecisionsRequest { Cursor = ahead });

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(default));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("cursor", error.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations.Single().Field);
    }

    [Fact]
    public async Task WatchDecisions_CursorOfAnotherEventLog_IsInvalidArgumentNamingTheLoss()
    {
        // A cursor of this service's own shape whose log is not this one's: what a site holds
        // after the store lost its data (Redis emptied, an in-memory store restarted).
        string article = Requests.NewId("article");
        await HeldAndDecidedAsync(article, "bullshit before the loss", Verdict.Approved);
        string real = (await ReadEventsAsync(new WatchDecisionsRequest { Cursor = "0-0", ArticleIds = { article } }, count: 1)).Single().Cursor;
        var (position, log) = (real[..real.IndexOf('.', StringComparison.Ordinal)], real[(real.IndexOf('.', StringComparison.Ordinal) + 1)..]);
        string ofAnotherLog = position + "." + (log == "0000000000000000" ? "1111111111111111" : "0000000000000000");

        using var call = _comments.WatchDecisions(new WatchDecisionsRequest { Cursor = ofAnotherLog });
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(default));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        var violation = error.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations.Single();
        Assert.Equal("cursor", violation.Field);
        Assert.Contains("since lost", violation.Description, StringComparison.Ordinal);
    }

    /// <summary>A comment held on submission under <paramref name="article"/>, then decided by a moderator: one decision event.</summary>
    private async Task<string> HeldAndDecidedAsync(string article, string text, Verdict verdict)
    {
        var request = Requests.Submit(text);
        request.ArticleId = article;
        await _comments.SubmitCommentAsync(request);
        await _moderation.DecideCommentAsync(new DecideCommentRequest { CommentId = request.CommentId, Verdict = verdict, ExpectedVersion = 1 });
        return request.CommentId;
    }

    /// <summary>Reads <paramref name="count"/> events, then disconnects; fails if they do not come within a deadline.</summary>
    private async Task<List<WatchDecisionsResponse>> ReadEventsAsync(WatchDecisionsRequest request, int count)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        using var call = _comments.WatchDecisions(request, cancellationToken: deadline.Token);
        var events = new List<WatchDecisionsResponse>();
        while (events.Count < count && await call.ResponseStream.MoveNext(deadline.Token))
        {
            events.Add(call.ResponseStream.Current);
        }

        return events;
    }

    [Fact]
    public async Task UpsertArticle_NoMode_IsInvalidArgument()
    {
        var (code, status) = await Requests.FailureOf(() => _comments.UpsertArticleAsync(
            new UpsertArticleRequest { Article = new Article { ArticleId = "a1" } }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, code);
        Assert.Equal("article.mode", status.GetDetail<BadRequest>()!.FieldViolations.Single().Field);
    }
}

public sealed class WorkflowInMemoryTests(InMemoryServer server) : WorkflowScenario(server), IClassFixture<InMemoryServer>;

public sealed class WorkflowRedisTests(RedisBackedServer server) : WorkflowScenario(server), IClassFixture<RedisBackedServer>;

public sealed class SubmitCommentInMemoryTests(InMemoryServer server) : SubmitCommentScenario(server), IClassFixture<InMemoryServer>;

public sealed class SubmitCommentRedisTests(RedisBackedServer server) : SubmitCommentScenario(server), IClassFixture<RedisBackedServer>
{
    [Fact]
    public async Task SubmitComment_WithRedisConfigured_IsStoredInRedisBeforeTheReply()
    {
        var request = Requests.Submit("Stored where it survives a restart.");

        await new CommentService.CommentServiceClient(server.Factory.ChannelFor(Roles.Site)).SubmitCommentAsync(request);

        var stored = await server.Redis.Connection.GetDatabase().HashGetAsync($"{server.KeyPrefix}:{{wf}}:comment:{request.CommentId}", "state");
        Assert.Equal(((int)Moderation.Core.Comments.CommentState.Approved).ToString(System.Globalization.CultureInfo.InvariantCulture), (string?)stored);
    }
}
