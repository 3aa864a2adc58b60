using Moderation.Core.Comments;
using Moderation.Core.Decisions;
using Moderation.Core.Errors;
using Moderation.Core.Events;
using Moderation.Core.Workflow;
using Xunit;

namespace Moderation.Testing;

/// <summary>What every decision event log must do: every change after submission, in order, resumable, never a silent gap.</summary>
public abstract class DecisionEventLogContract
{
    /// <summary>A fresh store keeping events for <paramref name="retention"/>.</summary>
    protected abstract (ICommentStore Comments, IDecisionEventLog Events) CreateStores(TimeSpan retention);

    /// <summary>
    /// The store made by the last <see cref="CreateStores"/> after it lost everything and began
    /// again: Redis emptied of this deployment's keys, an in-memory store after a restart.
    /// </summary>
    protected abstract Task<(ICommentStore Comments, IDecisionEventLog Events)> BeginAgainAsync();

    private static ModeratorDecision At(DateTimeOffset when, Verdict verdict) => new("mod", verdict, ReasonCode.Other, "", when);

    /// <summary>A comment stored pending at <paramref name="storedAt"/> and approved at <paramref name="approvedAt"/>: one decision event.</summary>
    private static async Task HeldThenApprovedAsync(ICommentStore comments, string id, DateTimeOffset storedAt, DateTimeOffset approvedAt)
    {
        await comments.AddAsync(TestComments.Stored(id, CommentState.PendingReview, storedAt), default);
        await comments.DecideAsync(id, 1, At(approvedAt, Verdict.Approved), default);
    }

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
            await HeldThenApprovedAsync(comments, $"c{i}", TestComments.Epoch, TestComments.Epoch.AddSeconds(i));
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
    public async Task Watch_CursorOfALogSinceLost_IsInvalidBeforeAndAfterNewEvents()
    {
        var (comments, events) = CreateStores(TimeSpan.FromDays(7));
        await HeldThenApprovedAsync(comments, "c1", TestComments.Epoch, TestComments.Epoch.AddMinutes(1));
        string cursor = (await events.ReadAfterAsync(EventCursor.Start, 10, default)).Single().Cursor;
        var (commentsAgain, eventsAgain) = await BeginAgainAsync();
        var watch = new DecisionEventService(eventsAgain, new EventOptions(), TimeProvider.System);

        // A watch that resumed instead would wait for events until the deadline.
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var beforeNewEvents = await Assert.ThrowsAsync<InvalidRequestException>(() => watch.WatchAsync(cursor, [], _ => Task.CompletedTask, deadline.Token));
        await HeldThenApprovedAsync(commentsAgain, "c2", TestComments.Epoch.AddMinutes(2), TestComments.Epoch.AddMinutes(3));
        var afterNewEvents = await Assert.ThrowsAsync<InvalidRequestException>(() => watch.WatchAsync(cursor, [], _ => Task.CompletedTask, deadline.Token));

        Assert.Equal("cursor", beforeNewEvents.Violations.Single().Field);
        Assert.Equal("cursor", afterNewEvents.Violations.Single().Field);
        Assert.Contains("since lost", afterNewEvents.Violations.Single().Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watch_CursorOfThisLog_Resumes()
    {
        var (comments, events) = CreateStores(TimeSpan.FromDays(7));
        for (int i = 0; i < 2; i++)
        {
            await HeldThenApprovedAsync(comments, $"c{i}", TestComments.Epoch, TestComments.Epoch.AddMinutes(i));
        }

        string cursor = (await events.ReadAfterAsync(EventCursor.Start, 1, default)).Single().Cursor;
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var delivered = new List<string>();
        var watch = new DecisionEventService(events, new EventOptions(), TimeProvider.System);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => watch.WatchAsync(cursor, [], e =>
        {
            delivered.Add(e.CommentId);
            stop.Cancel();
            return Task.CompletedTask;
        }, stop.Token));

        Assert.Equal(["c1"], delivered);
    }

    [Fact]
    public async Task Latest_NoEvents_IsTheStart()
    {
        var latest = await CreateStores(TimeSpan.FromDays(7)).Events.LatestAsync(default);

        Assert.Equal(EventCursor.Start, latest.InLog(null));
    }
}
