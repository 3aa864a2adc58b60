using Moderation.Core.Comments;
using Moderation.Core.Decisions;
using Moderation.Core.Errors;
using Moderation.Core.Workflow;
using Xunit;

namespace Moderation.Testing;

/// <summary>What every <see cref="ICommentStore"/> must do; each implementation's tests derive from this.</summary>
public abstract class CommentStoreContract
{
    /// <summary>A store with nothing in it, private to the calling test.</summary>
    protected abstract ICommentStore CreateStore();

    private static ModeratorDecision Moderator(Verdict verdict) =>
        new("mod-1", verdict, ReasonCode.Abuse, "note", TestComments.Epoch.AddMinutes(30));

    [Fact]
    public async Task Add_NewComment_IsStoredAsGiven()
    {
        var store = CreateStore();
        var comment = TestComments.Stored("c-1", CommentState.Approved, TestComments.Epoch);

        var result = await store.AddAsync(comment, default);
        var read = await store.GetAsync("c-1", default);

        Assert.True(result.Created);
        Assert.NotNull(read);
        Assert.Equal(comment.Submission, read.Submission);
        Assert.Equal(comment.State, read.State);
        Assert.Equal(comment.Version, read.Version);
        Assert.Equal(comment.CreatedAt, read.CreatedAt);
        Assert.Equal(comment.Decision.Verdict, read.Decision.Verdict);
        Assert.Equal(comment.Decision.Reasons.Single(), read.Decision.Reasons.Single(), DecisionReasonComparer.Instance);
    }

    [Fact]
    public async Task Add_TakenId_ReturnsTheFirstCommentUntouched()
    {
        var store = CreateStore();
        await store.AddAsync(TestComments.Stored("c-1", CommentState.PendingReview, TestComments.Epoch), default);

        var second = await store.AddAsync(TestComments.Stored("c-1", CommentState.Approved, TestComments.Epoch.AddMinutes(1)), default);

        Assert.False(second.Created);
        Assert.Equal(CommentState.PendingReview, second.Comment.State);
        Assert.Equal(CommentState.PendingReview, (await store.GetAsync("c-1", default))!.State);
    }

    [Fact]
    public async Task Get_UnknownId_ReturnsNull()
    {
        Assert.Null(await CreateStore().GetAsync("nobody", default));
    }

    [Fact]
    public async Task ListQueue_PendingComments_ListedOldestFirstWithoutOthers()
    {
        var store = CreateStore();
        await store.AddAsync(TestComments.Stored("late", CommentState.PendingReview, TestComments.Epoch.AddMinutes(2)), default);
        await store.AddAsync(TestComments.Stored("approved", CommentState.Approved, TestComments.Epoch), default);
        await store.AddAsync(TestComments.Stored("early", CommentState.PendingReview, TestComments.Epoch), default);

        var page = await store.ListQueueAsync(new QueueQuery(QueueKind.Pending, PageSize: 10), default);

        Assert.Equal(["early", "late"], page.Items.Select(i => i.Comment.Id));
        Assert.Equal(TestComments.Epoch, page.Items[0].EnqueuedAt);
        Assert.Null(page.NextPageToken);
    }

    [Fact]
    public async Task ListQueue_PagedThroughTokens_ReturnsEveryItemOnce()
    {
        var store = CreateStore();
        for (int i = 0; i < 7; i++)
        {
            // Two items share each timestamp: the id breaks ties, so no item is lost between pages.
            await store.AddAsync(TestComments.Stored($"c-{i}", CommentState.PendingReview, TestComments.Epoch.AddSeconds(i / 2)), default);
        }

        var seen = new List<string>();
        QueuePosition? after = null;
        for (int pages = 0; pages < 10; pages++)
        {
            var page = await store.ListQueueAsync(new QueueQuery(QueueKind.Pending, PageSize: 3, after), default);
            seen.AddRange(page.Items.Select(i => i.Comment.Id));
            if (page.NextPageToken is null)
            {
                break;
            }

            after = QueuePosition.ParsePageToken(page.NextPageToken, new FieldViolations(), "page_token");
        }

        Assert.Equal(Enumerable.Range(0, 7).Select(i => $"c-{i}"), seen);
    }

    [Fact]
    public async Task ListQueue_FilteredByArticleAndAuthor_ReturnsOnlyMatches()
    {
        var store = CreateStore();
        await store.AddAsync(TestComments.Stored("a1-u1", CommentState.PendingReview, TestComments.Epoch, article: "a1", author: "u1"), default);
        await store.AddAsync(TestComments.Stored("a2-u1", CommentState.PendingReview, TestComments.Epoch, article: "a2", author: "u1"), default);
        await store.AddAsync(TestComments.Stored("a1-u2", CommentState.PendingReview, TestComments.Epoch, article: "a1", author: "u2"), default);

        var byArticle = await store.ListQueueAsync(new QueueQuery(QueueKind.Pending, 10, ArticleId: "a1"), default);
        var byBoth = await store.ListQueueAsync(new QueueQuery(QueueKind.Pending, 10, ArticleId: "a1", AuthorId: "u2"), default);

        Assert.Equal(["a1-u1", "a1-u2"], byArticle.Items.Select(i => i.Comment.Id));
        Assert.Equal(["a1-u2"], byBoth.Items.Select(i => i.Comment.Id));
    }

    [Fact]
    public async Task Decide_PendingComment_ChangesStateBumpsVersionAndLeavesQueue()
    {
        var store = CreateStore();
        await store.AddAsync(TestComments.Stored("c-1", CommentState.PendingReview, TestComments.Epoch), default);

        var result = await store.DecideAsync("c-1", expectedVersion: 1, Moderator(Verdict.Rejected), default);
        var queue = await store.ListQueueAsync(new QueueQuery(QueueKind.Pending, 10), default);

        Assert.False(result.Unchanged);
        Assert.Equal(CommentState.Rejected, result.Comment.State);
        Assert.Equal(2, result.Comment.Version);
        Assert.Equal(Moderator(Verdict.Rejected), result.Comment.ModeratorDecision);
        Assert.Equal(TestComments.Epoch.AddMinutes(30), result.Comment.UpdatedAt);
        Assert.Empty(queue.Items);
        Assert.Equal(result.Comment.Version, (await store.GetAsync("c-1", default))!.Version);
    }

    [Fact]
    public async Task Decide_StaleVersion_ThrowsAndChangesNothing()
    {
        var store = CreateStore();
        await store.AddAsync(TestComments.Stored("c-1", CommentState.PendingReview, TestComments.Epoch), default);
        await store.DecideAsync("c-1", 1, Moderator(Verdict.Approved), default);

        var error = await Assert.ThrowsAsync<VersionMismatchException>(() => store.DecideAsync("c-1", 1, Moderator(Verdict.Rejected), default));

        Assert.Equal(2, error.CurrentVersion);
        Assert.Equal(CommentState.Approved, (await store.GetAsync("c-1", default))!.State);
    }

    [Fact]
    public async Task Decide_SameDecisionAgain_IsUnchangedEvenWithOldVersion()
    {
        var store = CreateStore();
        await store.AddAsync(TestComments.Stored("c-1", CommentState.PendingReview, TestComments.Epoch), default);
        await store.DecideAsync("c-1", 1, Moderator(Verdict.Approved), default);

        var again = await store.DecideAsync("c-1", 1, Moderator(Verdict.Approved), default);

        Assert.True(again.Unchanged);
        Assert.Equal(2, again.Comment.Version);
    }

    [Fact]
    public async Task Decide_ApprovedComment_CanBeOverturned()
    {
        var store = CreateStore();
        await store.AddAsync(TestComments.Stored("c-1", CommentState.Approved, TestComments.Epoch), default);

        var result = await store.DecideAsync("c-1", 1, Moderator(Verdict.Rejected), default);

        Assert.Equal(CommentState.Rejected, result.Comment.State);
        Assert.Equal(2, result.Comment.Version);
    }

    [Fact]
    public async Task Decide_UnknownComment_ThrowsNotFound()
    {
        await Assert.ThrowsAsync<CommentNotFoundException>(() => CreateStore().DecideAsync("nobody", 1, Moderator(Verdict.Approved), default));
    }

    [Fact]
    public async Task Add_ConcurrentSameId_ExactlyOneCreates()
    {
        var store = CreateStore();
        var attempts = Enumerable.Range(0, 16)
            .Select(i => Task.Run(() => store.AddAsync(TestComments.Stored("same", CommentState.PendingReview, TestComments.Epoch.AddSeconds(i)), default)));

        var results = await Task.WhenAll(attempts);
        var queue = await store.ListQueueAsync(new QueueQuery(QueueKind.Pending, 50), default);

        Assert.Single(results, r => r.Created);
        Assert.Single(queue.Items);
    }

    private sealed class DecisionReasonComparer : IEqualityComparer<DecisionReason>
    {
        public static readonly DecisionReasonComparer Instance = new();

        public bool Equals(DecisionReason? x, DecisionReason? y) =>
            x is not null && y is not null && x.RuleId == y.RuleId && x.Action == y.Action && x.Spans.SequenceEqual(y.Spans)
            && x.AuthorMessage == y.AuthorMessage && x.ModeratorMessage == y.ModeratorMessage && x.Weight == y.Weight;

        public int GetHashCode(DecisionReason obj) => obj.RuleId.GetHashCode(StringComparison.Ordinal);
    }
}
