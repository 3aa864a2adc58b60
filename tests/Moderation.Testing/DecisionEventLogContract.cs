using Moderation.Core.Comments;
using Moderation.Core.Decisions;
using Moderation.Core.Events;
using Moderation.Core.Workflow;
using Xunit;

namespace Moderation.Testing;

/// <summary>What every decision event log must do: every change after submission, in order, resumable, never a silent gap.</summary>
public abstract class DecisionEventLogContract
{
    /// <summary>A fresh store keeping events for <paramref name="retention"/>.</summary>
    protected abstract (ICommentStore Comments, IDecisionEventLog Events) CreateStores(TimeSpan retention);

    private static ModeratorDecision At(DateTimeOffset when, Verdict verdict) => new("mod", verdict, ReasonCode.Other, "", when);

    [Fact]
    public async Task ReadAfter_DecisionsAndEdits_ComeInOrderWithTheirCause()
    {
        var (comments, events) = CreateStores(TimeSpan.FromDays(7));
        var original = TestComments.Stored("c1", CommentState.PendingReview, TestComments.Epoch);
        await comments.AddAsync(original, default);
        await comments.AddAsync(TestComments.Stored("c2", CommentState.PendingReview, TestComments.Epoch), default);
        await comments.DecideAsync("c1", 1, At(TestComments.Epoch.AddMinutes(1), Verdict.Approved), default);
        await comments.DecideAsync("c2", 1, At(TestComments.Epoch.AddMinutes(1), Verdict.Rejected), default);
        var approved = (await comments.GetAsync("c1", default))!;
        await comments.EditAsync("c1", 2, approved with { Version = 3, State = CommentState.PendingReview, UpdatedAt = TestComments.Epoch.AddMinutes(2) }, default);

        var all = await events.ReadAfterAsync(EventCursor.Start, 10, default);

        Assert.Equal(
            [("c1", CommentState.Approved, 2L, "moderator"), ("c2", CommentState.Rejected, 2L, "moderator"), ("c1", CommentState.PendingReview, 3L, "edit")],
            all.Select(e => (e.CommentId, e.State, e.Version, e.Cause)));
        Assert.All(all, e => Assert.Equal("article-1", e.ArticleId));
        Assert.Equal(TestComments.Epoch.AddMinutes(1), all[0].OccurredAt);
        Assert.True(EventCursor.Parse(all[0].Cursor, "c") < EventCursor.Parse(all[1].Cursor, "c"));
        Assert.Equal(EventCursor.Parse(all[2].Cursor, "c"), await events.LatestAsync(default));
    }

    [Fact]
    public async Task ReadAfter_ACursor_ResumesJustAfterIt()
    {
        var (comments, events) = CreateStores(TimeSpan.FromDays(7));
        for (int i = 0; i < 4; i++)
        {
            await comments.AddAsync(TestComments.Stored($"c{i}", CommentState.PendingReview, TestComments.Epoch), default);
            await comments.DecideAsync($"c{i}", 1, At(TestComments.Epoch.AddSeconds(i), Verdict.Approved), default);
        }

        var firstTwo = await events.ReadAfterAsync(EventCursor.Start, 2, default);
        var rest = await events.ReadAfterAsync(EventCursor.Parse(firstTwo[^1].Cursor, "c"), 10, default);

        Assert.Equal(["c0", "c1"], firstTwo.Select(e => e.CommentId));
        Assert.Equal(["c2", "c3"], rest.Select(e => e.CommentId));
    }

    [Fact]
    public async Task ReadAfter_CursorOlderThanRetention_IsExpiredNeverASilentGap()
    {
        var (comments, events) = CreateStores(TimeSpan.FromHours(1));
        await comments.AddAsync(TestComments.Stored("old", CommentState.PendingReview, TestComments.Epoch), default);
        await comments.AddAsync(TestComments.Stored("new", CommentState.PendingReview, TestComments.Epoch), default);
        await comments.DecideAsync("old", 1, At(TestComments.Epoch, Verdict.Approved), default);
        var oldEvent = (await events.ReadAfterAsync(EventCursor.Start, 10, default)).Single();

        await comments.DecideAsync("new", 1, At(TestComments.Epoch.AddHours(2), Verdict.Approved), default);

        await Assert.ThrowsAsync<CursorExpiredException>(() => events.ReadAfterAsync(EventCursor.Start, 10, default));
        Assert.Equal(["new"], (await events.ReadAfterAsync(EventCursor.Parse(oldEvent.Cursor, "c"), 10, default)).Select(e => e.CommentId));
    }

    [Fact]
    public async Task ReadAfter_HiddenByReports_IsAnEventWithItsCause()
    {
        var (comments, events) = CreateStores(TimeSpan.FromDays(7));
        await comments.AddAsync(TestComments.Stored("c1", CommentState.Approved, TestComments.Epoch), default);

        await comments.ReportAsync("c1", "r1", ReasonCode.Abuse, "", 1, 1, TestComments.Epoch.AddMinutes(1), default);

        var hidden = Assert.Single(await events.ReadAfterAsync(EventCursor.Start, 10, default));
        Assert.Equal(("c1", CommentState.HiddenByReports, 2L, "reports"), (hidden.CommentId, hidden.State, hidden.Version, hidden.Cause));
    }

    [Fact]
    public async Task Latest_NoEvents_IsTheStart()
    {
        Assert.Equal(EventCursor.Start, await CreateStores(TimeSpan.FromDays(7)).Events.LatestAsync(default));
    }
}
