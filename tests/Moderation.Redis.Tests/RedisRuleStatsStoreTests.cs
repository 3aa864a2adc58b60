using Moderation.Core.Comments;
using Moderation.Core.Rules.Statistics;
using Moderation.Core.Workflow;
using Moderation.Redis.Comments;
using Moderation.Redis.Statistics;
using Moderation.Testing;

namespace Moderation.Redis.Tests;

[Collection(SharedRedisServer.Name)]
public sealed class RedisRuleStatsStoreTests(RedisServerFixture redis) : RuleStatsStoreContract
{
    protected override (ICommentRecordStore Records, IRuleStatsStore Stats, IRecentCommentIndex Recent) CreateStores()
    {
        var keys = new RedisKeys(RedisServerFixture.UniquePrefix());
        return (new RedisCommentStore(redis.Connection, keys), new RedisRuleStatsStore(redis.Connection, keys), new RedisRecentCommentIndex(redis.Connection, keys));
    }

    [Fact]
    public async Task Add_NewComment_WritesItsCountersBucketToExpireAndItsIdToTheIndexUnderTheWorkflowHashTag()
    {
        string prefix = RedisServerFixture.UniquePrefix();
        var keys = new RedisKeys(prefix);
        await TestWorkflow.Over(new RedisCommentStore(redis.Connection, keys)).AddAsync(TestComments.Stored("c-1", CommentState.PendingReview, TestComments.Epoch), default);

        var db = redis.Connection.GetDatabase();
        var bucket = keys.RuleStats(RuleCounters.HourOf(TestComments.Epoch));
        var ttl = await db.KeyTimeToLiveAsync(bucket);
        Assert.NotNull(ttl);
        Assert.InRange(ttl.Value, TimeSpan.FromDays(7.9), TimeSpan.FromDays(8));
        Assert.Equal(TestComments.Epoch.ToUnixTimeMilliseconds(), await db.SortedSetScoreAsync(keys.RecentComments, "c-1"));
        Assert.Equal(redis.Connection.HashSlot(keys.Comment("c-1")), redis.Connection.HashSlot(bucket));
        Assert.Equal(redis.Connection.HashSlot(keys.Comment("c-1")), redis.Connection.HashSlot(keys.RecentComments));
    }
}
