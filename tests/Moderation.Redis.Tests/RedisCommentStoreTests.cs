using Moderation.Core.Comments;
using Moderation.Core.Workflow;
using Moderation.Redis.Comments;
using Moderation.Redis.State;
using Moderation.Testing;

namespace Moderation.Redis.Tests;

[Collection(SharedRedisServer.Name)]
public sealed class RedisCommentStoreTests(RedisServerFixture redis) : CommentStoreContract
{
    protected override ICommentStore CreateStore() =>
        TestWorkflow.Over(new RedisCommentStore(redis.Connection, new RedisKeys(RedisServerFixture.UniquePrefix())));

    [Fact]
    public async Task Add_PendingComment_WritesItsKeysUnderOneHashTag()
    {
        string prefix = RedisServerFixture.UniquePrefix();
        var store = TestWorkflow.Over(new RedisCommentStore(redis.Connection, new RedisKeys(prefix)));

        await store.AddAsync(TestComments.Stored("c-1", CommentState.PendingReview, TestComments.Epoch), default);

        var server = redis.Connection.GetServer(redis.Connection.GetEndPoints()[0]);
        var keys = server.Keys(pattern: prefix + ":*").Select(k => (string)k!).Order().ToList();
        Assert.Equal(
            [$"{prefix}:{{wf}}:author-pending:author-1", $"{prefix}:{{wf}}:author-recent:author-1", $"{prefix}:{{wf}}:comment:c-1", $"{prefix}:{{wf}}:doc:c-1", $"{prefix}:{{wf}}:history:c-1", $"{prefix}:{{wf}}:queue:pending",
                $"{prefix}:{{wf}}:recent", $"{prefix}:{{wf}}:rule-stats:{Moderation.Core.Rules.Statistics.RuleCounters.HourOf(TestComments.Epoch)}"],
            keys);
        Assert.Single(keys.Select(k => redis.Connection.HashSlot(k)).Distinct());
    }

    [Fact]
    public async Task Get_CommentStoredByAnEarlierBuild_ReadsTheDocumentAndHistoryItKeptItself()
    {
        var keys = new RedisKeys(RedisServerFixture.UniquePrefix());
        var db = redis.Connection.GetDatabase();
        // The layout of builds before the document had its own key: the document in the hash, a
        // computed decision beside it, and the text again in the history entry.
        await db.HashSetAsync(keys.Comment("c-1"),
        [
            new("doc", """{"submission":{"commentId":"c-1","articleId":"a-1","author":{"id":"u-1","emailVerified":false,"subscriber":false},"text":"Earlier \u0027text\u0027","ipAddress":"203.0.113.7"},"decision":{"verdict":"Approved","reasons":[],"censoredText":"","flagged":false,"score":0,"rulesVersion":"e9055976882d","authorMessage":""},"createdAt":"2026-12-01T21:26:55.1812856+00:00","uncensored":true,"storedDecision":{"verdict":"Approved","reasons":[],"censoredText":"Earlier \u0027text\u0027","flagged":false,"score":0,"rulesVersion":"e9055976882d","authorMessage":""}}"""),
            new("state", 2), new("version", 1), new("updated", 1796160415181), new("author", "u-1"), new("article", "a-1"), new("rev", 1),
        ]);
        await db.ListRightPushAsync(keys.History("c-1"), """{"version":1,"occurredAt":"2026-12-01T21:26:55.1812856+00:00","actor":"system","action":"submitted","state":"Approved","reasonCode":"Unspecified","note":"","ruleIds":[],"text":"Earlier \u0027text\u0027"}""");

        var comment = await new RedisCommentStore(redis.Connection, keys).GetAsync("c-1", default);
        var (history, _) = await new RedisModerationState(redis.Connection, keys).GetHistoryAsync("c-1", 0, 10, default);

        Assert.Equal(("Earlier 'text'", "Earlier 'text'", CommentState.Approved), (comment!.Submission.Text, comment.Decision.CensoredText, comment.State));
        Assert.Equal([("submitted", "Earlier 'text'")], history.Select(h => (h.Action, h.Text!)));
    }

    [Fact]
    public async Task Add_AfterRedisLostItsScripts_SendsTheScriptAgain()
    {
        var store = TestWorkflow.Over(new RedisCommentStore(redis.Connection, new RedisKeys(RedisServerFixture.UniquePrefix())));
        await store.AddAsync(TestComments.Stored("c-1", CommentState.PendingReview, TestComments.Epoch), default);

        // What a restart or a failover to a replica without the scripts does.
        await redis.Connection.GetDatabase().ExecuteAsync("SCRIPT", "FLUSH");
        await store.AddAsync(TestComments.Stored("c-2", CommentState.PendingReview, TestComments.Epoch), default);

        Assert.Equal(["c-1", "c-2"], (await store.ListQueueAsync(new QueueQuery(QueueKind.Pending, 10), default)).Items.Select(i => i.Comment.Id));
    }

    private static readonly Moderation.Core.RateLimiting.RateLimitPolicy OnePerMinute = new("author", "author", 1, TimeSpan.FromMinutes(1), 1);

    [Fact]
    public async Task TryAddCharged_TakenId_ChargesNothing()
    {
        var records = new RedisCommentStore(redis.Connection, new RedisKeys(RedisServerFixture.UniquePrefix()));
        await TestWorkflow.Over(records).AddAsync(TestComments.Stored("c-1", CommentState.Approved, TestComments.Epoch), default);
        Moderation.Core.RateLimiting.RateLimitRequest[] limits = [new(OnePerMinute, "author-1")];

        var retry = await records.TryAddChargedAsync(Moderation.Core.Workflow.Transitions.CommentTransitions.Submit(TestComments.Stored("c-1", CommentState.Approved, TestComments.Epoch)), limits, default);
        var next = await records.TryAddChargedAsync(Moderation.Core.Workflow.Transitions.CommentTransitions.Submit(TestComments.Stored("c-2", CommentState.Approved, TestComments.Epoch)), limits, default);

        Assert.Equal((false, (Moderation.Core.RateLimiting.RateLimitOutcome?)null), retry);
        Assert.True(next.Applied);
    }

    [Fact]
    public async Task TryAddCharged_NoLimitApplies_StoresTheComment()
    {
        var records = new RedisCommentStore(redis.Connection, new RedisKeys(RedisServerFixture.UniquePrefix()));

        var added = await records.TryAddChargedAsync(Moderation.Core.Workflow.Transitions.CommentTransitions.Submit(TestComments.Stored("c-1", CommentState.Approved, TestComments.Epoch)), [], default);

        Assert.True(added.Applied);
        Assert.NotNull(await records.GetAsync("c-1", default));
    }

    [Fact]
    public async Task TryAddCharged_LimitRefuses_StoresNothing()
    {
        var records = new RedisCommentStore(redis.Connection, new RedisKeys(RedisServerFixture.UniquePrefix()));
        Moderation.Core.RateLimiting.RateLimitRequest[] limits = [new(OnePerMinute, "author-1")];

        var first = await records.TryAddChargedAsync(Moderation.Core.Workflow.Transitions.CommentTransitions.Submit(TestComments.Stored("c-1", CommentState.PendingReview, TestComments.Epoch)), limits, default);
        var second = await records.TryAddChargedAsync(Moderation.Core.Workflow.Transitions.CommentTransitions.Submit(TestComments.Stored("c-2", CommentState.PendingReview, TestComments.Epoch)), limits, default);

        Assert.True(first.Applied);
        Assert.False(second.Applied);
        Assert.Equal("author", second.Limits!.Refusal!.PolicyName);
        Assert.Null(await records.GetAsync("c-2", default));
        Assert.Equal(["c-1"], (await records.GetQueueMembersAsync(QueueKind.Pending, default)).Select(m => m.CommentId));
    }

    [Fact]
    public async Task ListAndDecide_PendingCommentStoredByAnEarlierBuild_IsListedAndLeavesTheQueue()
    {
        var keys = new RedisKeys(RedisServerFixture.UniquePrefix());
        var db = redis.Connection.GetDatabase();
        var legacy = TestComments.Stored("old", CommentState.PendingReview, TestComments.Epoch);

        // The hash and queue entry as builds before revisions wrote them: no rev, queue or lease fields.
        await db.HashSetAsync(keys.Comment("old"),
        [
            new("doc", CommentHash.Serialize(legacy)), new("state", CommentHash.StateValue(CommentState.PendingReview)), new("version", 1),
            new("updated", TestComments.Epoch.ToUnixTimeMilliseconds()), new("author", "author-1"), new("article", "article-1"),
        ]);
        await db.SortedSetAddAsync(keys.PendingQueue, "old", TestComments.Epoch.ToUnixTimeMilliseconds());
        var store = TestWorkflow.Over(new RedisCommentStore(redis.Connection, keys));

        var listed = await store.ListQueueAsync(new QueueQuery(QueueKind.Pending, 10), default);
        await store.DecideAsync("old", 1, new ModeratorDecision("mod", Core.Decisions.Verdict.Approved, ReasonCode.Other, "", TestComments.Epoch.AddMinutes(1)), default);

        Assert.Equal("old", Assert.Single(listed.Items).Comment.Id);
        Assert.Empty((await store.ListQueueAsync(new QueueQuery(QueueKind.Pending, 10), default)).Items);
        Assert.Equal(CommentState.Approved, (await store.GetAsync("old", default))!.State);
    }

    [Fact]
    public async Task Lifetime_DecidedCommentsExpireAndWaitingOnesNever()
    {
        var keys = new RedisKeys(RedisServerFixture.UniquePrefix());
        var store = TestWorkflow.Over(new RedisCommentStore(redis.Connection, keys, decidedRetention: TimeSpan.FromDays(30)));
        var db = redis.Connection.GetDatabase();
        await store.AddAsync(TestComments.Stored("held", CommentState.PendingReview, TestComments.Epoch), default);
        await store.AddAsync(TestComments.Stored("published", CommentState.Approved, TestComments.Epoch), default);
        var heldTtl = await db.KeyTimeToLiveAsync(keys.Comment("held"));

        await store.DecideAsync("held", 1, new ModeratorDecision("mod", Core.Decisions.Verdict.Rejected, ReasonCode.Abuse, "", TestComments.Epoch), default);

        Assert.Null(heldTtl);
        foreach (var key in new[] { keys.Comment("held"), keys.History("held"), keys.Comment("published"), keys.History("published") })
        {
            var ttl = await db.KeyTimeToLiveAsync(key);
            Assert.NotNull(ttl);
            Assert.InRange(ttl.Value, TimeSpan.FromDays(29.9), TimeSpan.FromDays(30));
        }

        var published = (await store.GetAsync("published", default))!;
        await store.EditAsync("published", 1, published with { Decision = published.Decision with { Verdict = Core.Decisions.Verdict.PendingReview } }, default);
        Assert.Null(await db.KeyTimeToLiveAsync(keys.Comment("published")));
    }
}
