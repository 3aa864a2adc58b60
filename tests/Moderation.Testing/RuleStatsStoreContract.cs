using Moderation.Core.Comments;
using Moderation.Core.Decisions;
using Moderation.Core.Rules.Statistics;
using Moderation.Core.Workflow;
using Moderation.Core.Workflow.Transitions;
using Xunit;

namespace Moderation.Testing;

/// <summary>
/// What every store must do with the rule counters and the recent-comment index that the
/// workflow's changes carry: add up exactly the counters Core worked out, and keep and trim the
/// index exactly as each entry says. Each implementation's tests derive from this.
/// </summary>
public abstract class RuleStatsStoreContract
{
    private static readonly DateTimeOffset Epoch = TestComments.Epoch;
    private static readonly long EpochHour = RuleCounters.HourOf(Epoch);

    /// <summary>Empty stores over one set of records, private to the calling test.</summary>
    protected abstract (ICommentRecordStore Records, IRuleStatsStore Stats, IRecentCommentIndex Recent) CreateStores();

    private static DecisionReason Reason(string rule, RuleAction action, bool shadow = false) =>
        new(rule, "test", action, "", "", [], shadow, Weight: 0);

    private static Comment Decided(string id, Verdict verdict, DateTimeOffset at, params DecisionReason[] reasons) =>
        new(TestComments.Submission(id), new Decision(verdict, reasons, "A thoughtful comment.", Flagged: false, Score: 0, "v-test"), Comment.StateFor(verdict), Version: 1, at, at);

    private static ModeratorDecision Moderator(Verdict verdict, DateTimeOffset at) => new("mod-1", verdict, ReasonCode.Other, "", at);

    private static async Task<IReadOnlyDictionary<string, long>> BucketAsync(IRuleStatsStore stats, long hour) =>
        (await stats.ReadAsync(hour, hour, default)).GetValueOrDefault(hour) ?? new Dictionary<string, long>();

    [Fact]
    public async Task Add_CommentMatchingRules_CountsEachMatchByActionAndVerdictAndTheRuleThatDecided()
    {
        var (records, stats, _) = CreateStores();
        var comment = Decided("c-1", Verdict.Rejected, Epoch.AddMinutes(10), Reason("flagger", RuleAction.Flag), Reason("rejecter", RuleAction.Reject), Reason("watcher", RuleAction.Hold, shadow: true));

        await TestWorkflow.Over(records).AddAsync(comment, default);

        Assert.Equal(
            new Dictionary<string, long>
            {
                ["comments"] = 1,
                ["flagger|flag"] = 1,
                ["flagger|verdict-rejected"] = 1,
                ["rejecter|reject"] = 1,
                ["rejecter|verdict-rejected"] = 1,
                ["rejecter|decided"] = 1,
                ["watcher|hold"] = 1,
                ["watcher|verdict-rejected"] = 1,
                ["watcher|shadow"] = 1,
            },
            await BucketAsync(stats, EpochHour));
    }

    [Fact]
    public async Task Add_CleanCommentsAndARetry_CountEachStoredCommentOnce()
    {
        var (records, stats, _) = CreateStores();
        var store = TestWorkflow.Over(records);
        for (int i = 0; i < 3; i++)
        {
            await store.AddAsync(Decided($"c-{i}", Verdict.Approved, Epoch), default);
        }

        var retry = await store.AddAsync(Decided("c-0", Verdict.Approved, Epoch), default);

        Assert.False(retry.Created);
        Assert.Equal(new Dictionary<string, long> { ["comments"] = 3 }, await BucketAsync(stats, EpochHour));
    }

    [Fact]
    public async Task Read_CommentsInSeveralHours_EachCountedInItsHourAndOnlyTheRangeRead()
    {
        var (records, stats, _) = CreateStores();
        var store = TestWorkflow.Over(records);
        await store.AddAsync(Decided("early", Verdict.PendingReview, Epoch.AddMinutes(59), Reason("holder", RuleAction.Hold)), default);
        await store.AddAsync(Decided("next", Verdict.PendingReview, Epoch.AddMinutes(60), Reason("holder", RuleAction.Hold)), default);
        await store.AddAsync(Decided("later", Verdict.Approved, Epoch.AddHours(5)), default);

        var read = await stats.ReadAsync(EpochHour, EpochHour + 2, default);

        Assert.Equal([EpochHour, EpochHour + 1], read.Keys.Order());
        Assert.Equal(1, read[EpochHour]["holder|decided"]);
        Assert.Equal(1, read[EpochHour + 1]["holder|hold"]);
    }

    [Fact]
    public async Task Decide_HeldCommentApproved_CountsAReviewAndAnOverturnInTheHourOfTheDecision()
    {
        var (records, stats, _) = CreateStores();
        var store = TestWorkflow.Over(records);
        await store.AddAsync(Decided("c-1", Verdict.PendingReview, Epoch, Reason("holder", RuleAction.Hold)), default);

        await store.DecideAsync("c-1", 1, Moderator(Verdict.Approved, Epoch.AddHours(3)), default);

        var review = await BucketAsync(stats, EpochHour + 3);
        Assert.Equal(new Dictionary<string, long> { ["holder|reviewed"] = 1, ["holder|overturned"] = 1 }, review);
        Assert.False((await BucketAsync(stats, EpochHour)).ContainsKey("holder|reviewed"));
    }

    [Fact]
    public async Task Decide_HeldCommentRejected_CountsAReviewThatUpholdsTheRule()
    {
        var (records, stats, _) = CreateStores();
        var store = TestWorkflow.Over(records);
        await store.AddAsync(Decided("c-1", Verdict.PendingReview, Epoch, Reason("holder", RuleAction.Hold)), default);

        await store.DecideAsync("c-1", 1, Moderator(Verdict.Rejected, Epoch), default);

        var bucket = await BucketAsync(stats, EpochHour);
        Assert.Equal(1, bucket["holder|reviewed"]);
        Assert.False(bucket.ContainsKey("holder|overturned"));
    }

    [Fact]
    public async Task Decide_FlaggedCommentRejectedThenApprovedAgain_CountsOnlyTheFirstReview()
    {
        var (records, stats, _) = CreateStores();
        var store = TestWorkflow.Over(records);
        await store.AddAsync(Decided("c-1", Verdict.Approved, Epoch, Reason("flagger", RuleAction.Flag)), default);

        await store.DecideAsync("c-1", 1, Moderator(Verdict.Rejected, Epoch), default);
        await store.DecideAsync("c-1", 2, Moderator(Verdict.Approved, Epoch), default);

        var bucket = await BucketAsync(stats, EpochHour);
        Assert.Equal(1, bucket["flagger|reviewed"]);
        Assert.Equal(1, bucket["flagger|overturned"]);
    }

    [Fact]
    public async Task Decide_CommentNoRuleDecided_CountsNoReview()
    {
        var (records, stats, _) = CreateStores();
        var store = TestWorkflow.Over(records);
        await store.AddAsync(Decided("c-1", Verdict.Approved, Epoch, Reason("watcher", RuleAction.Reject, shadow: true)), default);

        await store.DecideAsync("c-1", 1, Moderator(Verdict.Rejected, Epoch), default);

        Assert.DoesNotContain(await BucketAsync(stats, EpochHour), f => f.Key.EndsWith("|reviewed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReadRecent_InBatches_ReturnsEveryCommentOfTheWindowOnceNewestFirst()
    {
        var (records, _, recent) = CreateStores();
        var store = TestWorkflow.Over(records);
        for (int i = 0; i < 7; i++)
        {
            // Two comments share each millisecond: ids order them, newest (greatest) first.
            await store.AddAsync(Decided($"c-{i}", Verdict.Approved, Epoch.AddSeconds(i / 2)), default);
        }

        var batches = new List<IReadOnlyList<string>>();
        RecentPosition? after = null;
        do
        {
            var batch = await recent.ReadAsync(new RecentCommentQuery(Epoch, Epoch.AddMinutes(1), after, Max: 3), default);
            batches.Add(batch.Comments.Select(c => c.Id).ToList());
            after = batch.Next;
        }
        while (after is not null && batches.Count < 10);

        Assert.Equal([["c-6", "c-5", "c-4"], ["c-3", "c-2", "c-1"], ["c-0"]], batches);
    }

    [Fact]
    public async Task ReadRecent_Window_LeavesOutOlderAndNewerComments()
    {
        var (records, _, recent) = CreateStores();
        var store = TestWorkflow.Over(records);
        await store.AddAsync(Decided("before", Verdict.Approved, Epoch.AddSeconds(-1)), default);
        await store.AddAsync(Decided("first", Verdict.Approved, Epoch), default);
        await store.AddAsync(Decided("last", Verdict.Approved, Epoch.AddHours(1)), default);
        await store.AddAsync(Decided("after", Verdict.Approved, Epoch.AddHours(1).AddMilliseconds(1)), default);

        var batch = await recent.ReadAsync(new RecentCommentQuery(Epoch, Epoch.AddHours(1), null, Max: 10), default);

        Assert.Equal(["last", "first"], batch.Comments.Select(c => c.Id));
        Assert.Null(batch.Next);
    }

    [Fact]
    public async Task ReadRecent_CommentsAddedAfterTheFirstBatch_AreNeitherReadNorRepeated()
    {
        var (records, _, recent) = CreateStores();
        var store = TestWorkflow.Over(records);
        for (int i = 0; i < 4; i++)
        {
            await store.AddAsync(Decided($"c-{i}", Verdict.Approved, Epoch.AddSeconds(i)), default);
        }

        var first = await recent.ReadAsync(new RecentCommentQuery(Epoch, Epoch.AddMinutes(1), null, Max: 2), default);
        await store.AddAsync(Decided("new", Verdict.Approved, Epoch.AddSeconds(30)), default);
        var second = await recent.ReadAsync(new RecentCommentQuery(Epoch, Epoch.AddMinutes(1), first.Next, Max: 2), default);

        Assert.Equal(["c-3", "c-2"], first.Comments.Select(c => c.Id));
        Assert.Equal(["c-1", "c-0"], second.Comments.Select(c => c.Id));
    }

    [Fact]
    public async Task Add_CommentAWeekLater_TrimsTheOlderIdsFromTheIndex()
    {
        var (records, _, recent) = CreateStores();
        var store = TestWorkflow.Over(records);
        await store.AddAsync(Decided("old", Verdict.PendingReview, Epoch), default);
        await store.AddAsync(Decided("week-old", Verdict.PendingReview, Epoch.AddDays(1)), default);

        await store.AddAsync(Decided("new", Verdict.Approved, Epoch.AddDays(8)), default);

        var batch = await recent.ReadAsync(new RecentCommentQuery(Epoch.AddDays(-1), Epoch.AddDays(9), null, Max: 10), default);
        Assert.Equal(["new", "week-old"], batch.Comments.Select(c => c.Id));
    }

    [Fact]
    public async Task Add_PastTheIndexCapacity_DropsTheOldestIds()
    {
        var (records, _, recent) = CreateStores();
        for (int i = 0; i < 5; i++)
        {
            var at = Epoch.AddSeconds(i);
            var change = CommentTransitions.Submit(Decided($"c-{i}", Verdict.Approved, at)) with { Recent = new RecentIndexEntry(at, at - RecentComments.Retention, Capacity: 3) };
            Assert.True(await records.TryApplyAsync(change, default));
        }

        var batch = await recent.ReadAsync(new RecentCommentQuery(Epoch, Epoch.AddMinutes(1), null, Max: 10), default);

        Assert.Equal(["c-4", "c-3", "c-2"], batch.Comments.Select(c => c.Id));
    }

    [Fact]
    public async Task ReadRecent_AfterAnIdTrimmedSince_EndsTheWindow()
    {
        var (records, _, recent) = CreateStores();
        var store = TestWorkflow.Over(records);
        await store.AddAsync(Decided("c-0", Verdict.Approved, Epoch), default);
        await store.AddAsync(Decided("c-1", Verdict.Approved, Epoch.AddSeconds(1)), default);
        var first = await recent.ReadAsync(new RecentCommentQuery(Epoch, Epoch.AddDays(9), null, Max: 1), default);

        await store.AddAsync(Decided("c-2", Verdict.Approved, Epoch.AddDays(8)), default);
        var second = await recent.ReadAsync(new RecentCommentQuery(Epoch, Epoch.AddDays(9), first.Next, Max: 1), default);

        Assert.Equal(["c-1"], first.Comments.Select(c => c.Id));
        Assert.Empty(second.Comments);
        Assert.Null(second.Next);
    }
}
