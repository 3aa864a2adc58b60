using Microsoft.Extensions.Time.Testing;
using Moderation.Core.Comments;
using Moderation.Core.Decisions;
using Moderation.Core.Errors;
using Moderation.Core.Workflow;
using Moderation.Testing;

namespace Moderation.Core.Tests.Workflow;

public sealed class ModerationQueueServiceTests
{
    private readonly FakeTimeProvider _time = new(TestComments.Epoch.AddHours(1));
    private readonly InMemoryCommentStore _records = new();
    private readonly ICommentStore _store;
    private readonly ModerationQueueService _service;

    public ModerationQueueServiceTests()
    {
        _store = TestWorkflow.Over(_records, _time);
        _service = new ModerationQueueService(_store, _records, _time);
    }

    [Fact]
    public async Task Decide_PendingComment_RecordsTheModeratorAndTime()
    {
        await _store.AddAsync(TestComments.Stored("c1", CommentState.PendingReview, TestComments.Epoch), default);

        var result = await _service.DecideAsync("c1", Verdict.Approved, ReasonCode.Other, "fine", 1, "mod-7", default);

        Assert.Equal(new ModeratorDecision("mod-7", Verdict.Approved, ReasonCode.Other, "fine", _time.GetUtcNow()), result.Comment.ModeratorDecision);
    }

    [Fact]
    public async Task Decide_InvalidRequest_ReportsEveryField()
    {
        var error = await Assert.ThrowsAsync<InvalidRequestException>(
            () => _service.DecideAsync("", Verdict.PendingReview, ReasonCode.Other, new string('n', 2001), 0, "mod", default));

        Assert.Equal(["comment_id", "verdict", "note", "expected_version"], error.Violations.Select(v => v.Field));
    }

    [Fact]
    public async Task ListQueue_InvalidRequest_ReportsEveryField()
    {
        var error = await Assert.ThrowsAsync<InvalidRequestException>(
            () => _service.ListQueueAsync(null, 101, null, "bad article", null, QueueOrder.OldestFirst, default));

        Assert.Equal(["queue", "page_size", "article_id"], error.Violations.Select(v => v.Field));
    }

    [Fact]
    public async Task ListQueue_HighestScoreFirst_OrdersByScoreThenAgeAndPages()
    {
        await _store.AddAsync(ScoredComment("low", 1, 0), default);
        await _store.AddAsync(ScoredComment("high", 5, 2), default);
        await _store.AddAsync(ScoredComment("mid-old", 3, 1), default);
        await _store.AddAsync(ScoredComment("mid-new", 3, 3), default);

        var first = await _service.ListQueueAsync(QueueKind.Pending, 3, null, null, null, QueueOrder.HighestScoreFirst, default);
        var second = await _service.ListQueueAsync(QueueKind.Pending, 3, first.NextPageToken, null, null, QueueOrder.HighestScoreFirst, default);

        Assert.Equal(["high", "mid-old", "mid-new"], first.Items.Select(i => i.Comment.Id));
        Assert.Equal(["low"], second.Items.Select(i => i.Comment.Id));
        Assert.Null(second.NextPageToken);
    }

    private static Comment ScoredComment(string id, double score, int minutes)
    {
        var comment = TestComments.Stored(id, CommentState.PendingReview, TestComments.Epoch.AddMinutes(minutes));
        return comment with { Decision = comment.Decision with { Score = score } };
    }

    [Fact]
    public async Task ListQueue_DefaultPageSize_IsTwenty()
    {
        for (int i = 0; i < 25; i++)
        {
            await _store.AddAsync(TestComments.Stored($"c{i:00}", CommentState.PendingReview, TestComments.Epoch.AddSeconds(i)), default);
        }

        var page = await _service.ListQueueAsync(QueueKind.Pending, 0, null, null, null, QueueOrder.OldestFirst, default);
        var next = await _service.ListQueueAsync(QueueKind.Pending, 0, page.NextPageToken, null, null, QueueOrder.OldestFirst, default);

        Assert.Equal(20, page.Items.Count);
        Assert.Equal(5, next.Items.Count);
        Assert.Null(next.NextPageToken);
    }
}
