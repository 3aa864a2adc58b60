using Moderation.Core.Comments;
using Moderation.Core.Workflow;
using Moderation.Redis.Comments;
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
            [$"{prefix}:{{wf}}:author-pending:author-1", $"{prefix}:{{wf}}:comment:c-1", $"{prefix}:{{wf}}:history:c-1", $"{prefix}:{{wf}}:queue:pending"],
            keys);
        Assert.Single(keys.Select(k => redis.Connection.HashSlot(k)).Distinct());
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
