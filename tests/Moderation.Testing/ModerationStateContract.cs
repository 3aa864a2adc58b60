using Moderation.Core.Comments;
using Moderation.Core.Decisions;
using Moderation.Core.Errors;
using Moderation.Core.Workflow;
using Xunit;

namespace Moderation.Testing;

/// <summary>
/// What every store of histories, authors and articles must do, written through the comment
/// store the way the service writes them.
/// </summary>
public abstract class ModerationStateContract
{
    /// <summary>A fresh pair of views on one store, private to the calling test.</summary>
    protected abstract (ICommentStore Comments, IModerationStateStore State) CreateStores();

    private static ModeratorDecision By(string moderator, Verdict verdict, string note = "") =>
        new(moderator, verdict, ReasonCode.Abuse, note, TestComments.Epoch.AddMinutes(5));

    [Fact]
    public async Task History_SubmitThenDecide_RecordsEachChangeInOrder()
    {
        var (comments, state) = CreateStores();
        await comments.AddAsync(TestComments.Stored("c1", CommentState.PendingReview, TestComments.Epoch), default);
        await comments.DecideAsync("c1", 1, By("mod-ann", Verdict.Rejected, "Personal attack"), default);

        var (entries, total) = await state.GetHistoryAsync("c1", 0, 10, default);

        Assert.Equal(2, total);
        Assert.Equal(("system", "submitted", 1L, CommentState.PendingReview), (entries[0].Actor, entries[0].Action, entries[0].Version, entries[0].State));
        Assert.Equal("A thoughtful comment.", entries[0].Text);
        Assert.Equal(["rule-1"], entries[0].RuleIds);
        Assert.Equal(("mod-ann", "rejected", 2L, CommentState.Rejected, "Personal attack"), (entries[1].Actor, entries[1].Action, entries[1].Version, entries[1].State, entries[1].Note));
        Assert.Equal(ReasonCode.Abuse, entries[1].ReasonCode);
        Assert.Equal(TestComments.Epoch.AddMinutes(5), entries[1].OccurredAt);
    }

    [Fact]
    public async Task History_Paged_ReturnsTheRequestedSlice()
    {
        var (comments, state) = CreateStores();
        await comments.AddAsync(TestComments.Stored("c1", CommentState.PendingReview, TestComments.Epoch), default);
        await comments.DecideAsync("c1", 1, By("m", Verdict.Approved), default);
        await comments.DecideAsync("c1", 2, By("m", Verdict.Rejected), default);

        var (page, total) = await state.GetHistoryAsync("c1", 1, 1, default);

        Assert.Equal(3, total);
        Assert.Equal("approved", Assert.Single(page).Action);
    }

    [Fact]
    public async Task History_UnknownComment_IsNotFound()
    {
        await Assert.ThrowsAsync<CommentNotFoundException>(() => CreateStores().State.GetHistoryAsync("nobody", 0, 10, default));
    }

    [Fact]
    public async Task RecentComments_NewestFirstCappedAndUnmovedByDecisions()
    {
        var (comments, state) = CreateStores();
        int total = Moderation.Core.Workflow.Transitions.CommentChange.AuthorsRecentCapacity + 3;
        for (int i = 0; i < total; i++)
        {
            await comments.AddAsync(TestComments.Stored($"r{i}", CommentState.PendingReview, TestComments.Epoch.AddSeconds(i), author: "writer"), default);
        }

        await comments.AddAsync(TestComments.Stored("elsewhere", CommentState.Approved, TestComments.Epoch, author: "someone-else"), default);
        await comments.DecideAsync("r3", 1, By("m", Verdict.Rejected), default);

        var recent = await state.GetRecentCommentIdsAsync("writer", default);

        Assert.Equal(Enumerable.Range(3, total - 3).Reverse().Select(i => $"r{i}"), recent);
        Assert.Empty(await state.GetRecentCommentIdsAsync("nobody", default));
    }

    [Fact]
    public async Task AuthorCounts_FollowWhereTheirCommentsStand()
    {
        var (comments, state) = CreateStores();
        await comments.AddAsync(TestComments.Stored("a", CommentState.Approved, TestComments.Epoch, author: "u1"), default);
        await comments.AddAsync(TestComments.Stored("b", CommentState.Rejected, TestComments.Epoch, author: "u1"), default);
        await comments.AddAsync(TestComments.Stored("c", CommentState.PendingReview, TestComments.Epoch, author: "u1"), default);
        await comments.DecideAsync("c", 1, By("m", Verdict.Approved), default);
        var afterApproval = await state.GetAuthorAsync("u1", default);

        await comments.DecideAsync("a", 1, By("m", Verdict.Rejected), default);
        var afterOverturn = await state.GetAuthorAsync("u1", default);

        Assert.Equal((2, 1), (afterApproval.ApprovedCount, afterApproval.RejectedCount));
        Assert.Equal((1, 2), (afterOverturn.ApprovedCount, afterOverturn.RejectedCount));
    }

    [Fact]
    public async Task Edit_ApprovedIntoPending_MovesItIntoTheQueueAndKeepsBothTexts()
    {
        var (comments, state) = CreateStores();
        var original = TestComments.Stored("c1", CommentState.Approved, TestComments.Epoch, author: "u1");
        await comments.AddAsync(original, default);
        var edited = original with
        {
            Submission = original.Submission with { Text = "Now with a held word." },
            Decision = original.Decision with { Verdict = Verdict.PendingReview },
            State = CommentState.PendingReview,
            Version = 2,
            UpdatedAt = TestComments.Epoch.AddMinutes(1),
        };

        await comments.EditAsync("c1", 1, edited, default);

        var stored = await comments.GetAsync("c1", default);
        var queue = await comments.ListQueueAsync(new QueueQuery(QueueKind.Pending, 10), default);
        var author = await state.GetAuthorAsync("u1", default);
        var (history, _) = await state.GetHistoryAsync("c1", 0, 10, default);
        Assert.Equal(("Now with a held word.", CommentState.PendingReview, 2L), (stored!.Submission.Text, stored.State, stored.Version));
        Assert.Equal("c1", Assert.Single(queue.Items).Comment.Id);
        Assert.Equal(0, author.ApprovedCount);
        Assert.Equal(["c1"], await state.GetPendingCommentIdsAsync("u1", default));
        Assert.Equal([("submitted", "A thoughtful comment."), ("edited", "Now with a held word.")], history.Select(h => (h.Action, h.Text!)));
        Assert.Equal("u1", history[1].Actor);
    }

    [Fact]
    public async Task GetHistory_TwoEditsReadOnePageAtATime_EachEntryKeepsTheTextOfItsTime()
    {
        var (comments, state) = CreateStores();
        var original = TestComments.Stored("c1", CommentState.Approved, TestComments.Epoch, author: "u1");
        await comments.AddAsync(original, default);
        var first = original with { Submission = original.Submission with { Text = "The first edit." }, Version = 2, UpdatedAt = TestComments.Epoch.AddMinutes(1) };
        await comments.EditAsync("c1", 1, first, default);
        await comments.EditAsync("c1", 2, first with { Submission = first.Submission with { Text = "The second edit." }, Version = 3, UpdatedAt = TestComments.Epoch.AddMinutes(2) }, default);

        var pages = new List<HistoryEntry>();
        for (int offset = 0; offset < 3; offset++)
        {
            var (page, total) = await state.GetHistoryAsync("c1", offset, 1, default);
            Assert.Equal(3, total);
            pages.Add(Assert.Single(page));
        }

        Assert.Equal(["A thoughtful comment.", "The first edit.", "The second edit."], pages.Select(h => h.Text));
    }

    [Fact]
    public async Task Edit_StaleVersion_ChangesNothing()
    {
        var (comments, _) = CreateStores();
        var original = TestComments.Stored("c1", CommentState.Approved, TestComments.Epoch);
        await comments.AddAsync(original, default);

        await Assert.ThrowsAsync<VersionMismatchException>(() => comments.EditAsync("c1", 5, original with { Version = 6 }, default));
        Assert.Equal(1, (await comments.GetAsync("c1", default))!.Version);
    }

    [Fact]
    public async Task Report_Thresholds_QueueThenHideAnApprovedComment()
    {
        var (comments, state) = CreateStores();
        await comments.AddAsync(TestComments.Stored("c1", CommentState.Approved, TestComments.Epoch, author: "u1"), default);
        var at = TestComments.Epoch.AddHours(1);

        var first = await comments.ReportAsync("c1", "r1", ReasonCode.Abuse, "rude", reportedThreshold: 2, hideThreshold: 3, at, default);
        var second = await comments.ReportAsync("c1", "r2", ReasonCode.Spam, "", 2, 3, at, default);
        var repeated = await comments.ReportAsync("c1", "r2", ReasonCode.Spam, "", 2, 3, at, default);
        var reported = await comments.ListQueueAsync(new QueueQuery(QueueKind.Reported, 10), default);
        var third = await comments.ReportAsync("c1", "r3", ReasonCode.Abuse, "", 2, 3, at.AddMinutes(1), default);
        var hiddenQueue = await comments.ListQueueAsync(new QueueQuery(QueueKind.Hidden, 10), default);

        Assert.Equal((1, CommentState.Approved, false), (first.ReportCount, first.State, first.Duplicate));
        Assert.Equal((2, false), (second.ReportCount, second.Duplicate));
        Assert.Equal((2, true), (repeated.ReportCount, repeated.Duplicate));
        var item = Assert.Single(reported.Items);
        Assert.Equal((QueueKind.Reported, 2), (item.Queue, item.ReportCount));
        Assert.Equal(CommentState.HiddenByReports, third.State);
        Assert.Empty((await comments.ListQueueAsync(new QueueQuery(QueueKind.Reported, 10), default)).Items);
        Assert.Equal(("c1", 3), (Assert.Single(hiddenQueue.Items).Comment.Id, hiddenQueue.Items[0].ReportCount));
        Assert.Equal(2, (await comments.GetAsync("c1", default))!.Version);
        Assert.Equal(0, (await state.GetAuthorAsync("u1", default)).ApprovedCount);
        var (history, _) = await state.GetHistoryAsync("c1", 0, 10, default);
        Assert.Equal(["submitted", "reported", "reported", "reported", "hidden"], history.Select(h => h.Action));
        Assert.Equal(("reader:r1", ReasonCode.Abuse, "rude"), (history[1].Actor, history[1].ReasonCode, history[1].Note));
    }

    [Fact]
    public async Task Decide_HiddenComment_PublishedAgainLeavesTheHiddenQueue()
    {
        var (comments, state) = CreateStores();
        await comments.AddAsync(TestComments.Stored("c1", CommentState.Approved, TestComments.Epoch, author: "u1"), default);
        await comments.ReportAsync("c1", "r1", ReasonCode.Abuse, "", 1, 1, TestComments.Epoch, default);

        var decided = await comments.DecideAsync("c1", 2, By("mod", Verdict.Approved), default);

        Assert.Equal((CommentState.Approved, 3L), (decided.Comment.State, decided.Comment.Version));
        Assert.Empty((await comments.ListQueueAsync(new QueueQuery(QueueKind.Hidden, 10), default)).Items);
        Assert.Equal(1, (await state.GetAuthorAsync("u1", default)).ApprovedCount);
    }

    [Fact]
    public async Task Decide_ReportedCommentApprovedAgain_DismissesTheReportsAsAChange()
    {
        var (comments, state) = CreateStores();
        await comments.AddAsync(TestComments.Stored("c1", CommentState.Approved, TestComments.Epoch), default);
        await comments.ReportAsync("c1", "r1", ReasonCode.Abuse, "", 1, 5, TestComments.Epoch, default);

        var result = await comments.DecideAsync("c1", 1, By("mod", Verdict.Approved, "Fair comment"), default);

        Assert.False(result.Unchanged);
        Assert.Equal((1, 2L), (result.ReportsDismissed, result.Comment.Version));
        Assert.Empty((await comments.ListQueueAsync(new QueueQuery(QueueKind.Reported, 10), default)).Items);
        var (history, _) = await state.GetHistoryAsync("c1", 0, 10, default);
        Assert.Equal(("reports-dismissed", "mod", "Fair comment"), (history[^1].Action, history[^1].Actor, history[^1].Note));
    }

    [Fact]
    public async Task QueueStats_CountEachQueueOverallAndPerArticle()
    {
        var (comments, _) = CreateStores();
        await comments.AddAsync(TestComments.Stored("p1", CommentState.PendingReview, TestComments.Epoch.AddMinutes(5), article: "a1"), default);
        await comments.AddAsync(TestComments.Stored("p2", CommentState.PendingReview, TestComments.Epoch, article: "a2"), default);
        await comments.AddAsync(TestComments.Stored("ok", CommentState.Approved, TestComments.Epoch, article: "a1"), default);
        await comments.ReportAsync("ok", "r1", ReasonCode.Spam, "", 1, 5, TestComments.Epoch.AddMinutes(9), default);

        var overall = (await comments.GetQueueStatsAsync(null, default)).ToDictionary(s => s.Queue);
        var a1 = (await comments.GetQueueStatsAsync("a1", default)).ToDictionary(s => s.Queue);

        Assert.Equal((2, (DateTimeOffset?)TestComments.Epoch), (overall[QueueKind.Pending].Depth, overall[QueueKind.Pending].OldestEnqueuedAt));
        Assert.Equal(1, overall[QueueKind.Reported].Depth);
        Assert.Equal((0, (DateTimeOffset?)null), (overall[QueueKind.Hidden].Depth, overall[QueueKind.Hidden].OldestEnqueuedAt));
        Assert.Equal((1, (DateTimeOffset?)TestComments.Epoch.AddMinutes(5)), (a1[QueueKind.Pending].Depth, a1[QueueKind.Pending].OldestEnqueuedAt));
        Assert.Equal(1, a1[QueueKind.Reported].Depth);
    }

    [Fact]
    public async Task Claim_ModeratorsRacing_NeverShareAnItem()
    {
        var (comments, _) = CreateStores();
        for (int i = 0; i < 10; i++)
        {
            await comments.AddAsync(TestComments.Stored($"c{i}", CommentState.PendingReview, TestComments.Epoch.AddSeconds(i)), default);
        }

        var now = TestComments.Epoch.AddHours(1);
        var claims = await Task.WhenAll(Enumerable.Range(0, 10).Select(m =>
            Task.Run(() => comments.ClaimAsync(QueueKind.Pending, $"mod-{m}", 1, now, now.AddMinutes(5), null, default))));

        // Every moderator gets one item, and no item goes to two of them.
        var claimed = claims.Select(c => Assert.Single(c).Comment.Id).ToList();
        Assert.Equal(10, claimed.Distinct().Count());
        var holders = (await comments.ListQueueAsync(new QueueQuery(QueueKind.Pending, 20), default)).Items.Select(i => i.ClaimedBy).ToList();
        Assert.Equal(10, holders.Distinct().Count());
    }

    [Fact]
    public async Task Claim_ExpiredLease_ReturnsTheItemToOthersAndReleaseEndsItEarly()
    {
        var (comments, _) = CreateStores();
        await comments.AddAsync(TestComments.Stored("c1", CommentState.PendingReview, TestComments.Epoch), default);
        await comments.AddAsync(TestComments.Stored("c2", CommentState.PendingReview, TestComments.Epoch.AddSeconds(1)), default);
        var now = TestComments.Epoch.AddHours(1);
        await comments.ClaimAsync(QueueKind.Pending, "ann", 2, now, now.AddMinutes(5), null, default);

        var whileLeased = await comments.ClaimAsync(QueueKind.Pending, "bob", 2, now.AddMinutes(4), now.AddMinutes(9), null, default);
        var released = await comments.ReleaseAsync("ann", ["c2", "c1-not-hers"], default);
        var afterRelease = await comments.ClaimAsync(QueueKind.Pending, "bob", 2, now.AddMinutes(4), now.AddMinutes(9), null, default);
        var afterExpiry = await comments.ClaimAsync(QueueKind.Pending, "bob", 2, now.AddMinutes(6), now.AddMinutes(11), null, default);

        Assert.Empty(whileLeased);
        Assert.Equal(["c2"], released);
        Assert.Equal(["c2"], afterRelease.Select(i => i.Comment.Id));

        // Bob's live lease on c2 is not handed to him again: a claim hands out new items.
        Assert.Equal(["c1"], afterExpiry.Select(i => i.Comment.Id));
        Assert.Equal(now.AddMinutes(11), afterExpiry[0].LeaseExpiresAt);
    }

    [Fact]
    public async Task Claim_DecidedItem_LeavesTheQueueAndItsLease()
    {
        var (comments, _) = CreateStores();
        await comments.AddAsync(TestComments.Stored("c1", CommentState.PendingReview, TestComments.Epoch), default);
        var now = TestComments.Epoch.AddHours(1);
        await comments.ClaimAsync(QueueKind.Pending, "ann", 1, now, now.AddMinutes(5), null, default);

        await comments.DecideAsync("c1", 1, By("ann", Verdict.Approved), default);

        Assert.Empty(await comments.ClaimAsync(QueueKind.Pending, "bob", 5, now, now.AddMinutes(5), null, default));
        Assert.Empty(await comments.ReleaseAsync("ann", ["c1"], default));
    }

    [Fact]
    public async Task Decide_TwoModeratorsRacing_OneWinsTheOtherIsRefused()
    {
        var (comments, _) = CreateStores();
        await comments.AddAsync(TestComments.Stored("c1", CommentState.PendingReview, TestComments.Epoch), default);

        var race = await Task.WhenAll(
            Task.Run(() => Outcome(() => comments.DecideAsync("c1", 1, By("ann", Verdict.Approved), default))),
            Task.Run(() => Outcome(() => comments.DecideAsync("c1", 1, By("bob", Verdict.Rejected), default))));

        Assert.Single(race, outcome => outcome == "changed");
        Assert.Single(race, outcome => outcome == "stale");
        Assert.Equal(2, (await comments.GetAsync("c1", default))!.Version);

        static async Task<string> Outcome(Func<Task<DecideCommentResult>> decide)
        {
            try
            {
                return (await decide()).Unchanged ? "unchanged" : "changed";
            }
            catch (VersionMismatchException)
            {
                return "stale";
            }
        }
    }

    [Fact]
    public async Task Add_FlaggedApprovedComment_WaitsInTheReportedQueue()
    {
        var (comments, _) = CreateStores();
        var comment = TestComments.Stored("flagged", CommentState.Approved, TestComments.Epoch);
        await comments.AddAsync(comment with { Decision = comment.Decision with { Flagged = true } }, default);
        await comments.AddAsync(TestComments.Stored("plain", CommentState.Approved, TestComments.Epoch), default);

        var reported = await comments.ListQueueAsync(new QueueQuery(QueueKind.Reported, 10), default);

        Assert.Equal(["flagged"], reported.Items.Select(i => i.Comment.Id));
    }

    [Fact]
    public async Task Report_PendingComment_IsCountedButQueuesNothing()
    {
        var (comments, _) = CreateStores();
        await comments.AddAsync(TestComments.Stored("c1", CommentState.PendingReview, TestComments.Epoch), default);

        var result = await comments.ReportAsync("c1", "r1", ReasonCode.Spam, "", 1, 1, TestComments.Epoch, default);

        Assert.Equal((1, CommentState.PendingReview), (result.ReportCount, result.State));
        Assert.Empty((await comments.ListQueueAsync(new QueueQuery(QueueKind.Reported, 10), default)).Items);
        Assert.Empty((await comments.ListQueueAsync(new QueueQuery(QueueKind.Hidden, 10), default)).Items);
    }

    [Fact]
    public async Task Author_Unknown_IsNormalWithNoHistory()
    {
        var author = await CreateStores().State.GetAuthorAsync("new-reader", default);

        Assert.Equal(AuthorRecord.New("new-reader"), author);
    }

    [Fact]
    public async Task SetAuthorStatus_KeepsCountsAndSuspensionEnd()
    {
        var (comments, state) = CreateStores();
        await comments.AddAsync(TestComments.Stored("a", CommentState.Approved, TestComments.Epoch, author: "u1"), default);
        var until = TestComments.Epoch.AddDays(3);

        var suspended = await state.SetAuthorStatusAsync("u1", AuthorStatus.Suspended, until, default);
        var normal = await state.SetAuthorStatusAsync("u1", AuthorStatus.Normal, until, default);

        Assert.Equal((AuthorStatus.Suspended, (DateTimeOffset?)until, 1), (suspended.Status, suspended.SuspendedUntil, suspended.ApprovedCount));
        Assert.Equal((AuthorStatus.Normal, (DateTimeOffset?)null), (normal.Status, normal.SuspendedUntil));
        Assert.Equal(normal, await state.GetAuthorAsync("u1", default));
    }

    [Fact]
    public async Task PendingCommentIds_AreTheAuthorsWaitingComments()
    {
        var (comments, state) = CreateStores();
        await comments.AddAsync(TestComments.Stored("p1", CommentState.PendingReview, TestComments.Epoch, author: "u1"), default);
        await comments.AddAsync(TestComments.Stored("p2", CommentState.PendingReview, TestComments.Epoch, author: "u1"), default);
        await comments.AddAsync(TestComments.Stored("ok", CommentState.Approved, TestComments.Epoch, author: "u1"), default);
        await comments.AddAsync(TestComments.Stored("other", CommentState.PendingReview, TestComments.Epoch, author: "u2"), default);
        await comments.DecideAsync("p2", 1, By("m", Verdict.Approved), default);

        Assert.Equal(["p1"], await state.GetPendingCommentIdsAsync("u1", default));
        Assert.Empty(await state.GetPendingCommentIdsAsync("nobody", default));
    }

    [Fact]
    public async Task Article_UpsertedThenRead_IsAsStored()
    {
        var state = CreateStores().State;
        var article = new ArticleSettings("war-report", ArticleMode.Premoderated, TestComments.Epoch.AddDays(7), TestComments.Epoch);

        await state.UpsertArticleAsync(article, default);
        await state.UpsertArticleAsync(article with { ArticleId = "other", Mode = ArticleMode.Closed, ClosesAt = null }, default);

        Assert.Equal(article, await state.GetArticleAsync("war-report", default));
        Assert.Equal(ArticleSettings.Open("never-seen"), await state.GetArticleAsync("never-seen", default));
    }
}
