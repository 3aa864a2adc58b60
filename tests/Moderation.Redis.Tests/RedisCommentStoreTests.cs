using Moderation.Core.Comments;
using Moderation.Core.Workflow;
using Moderation.Redis.Comments;
using Moderation.Testing;

namespace Moderation.Redis.Tests;

[Collection(SharedRedisServer.Name)]
public sealed class RedisCommentStoreTests(RedisServerFixture redis) : CommentStoreContract
{
    protected override ICommentStore CreateStore() =>
        new RedisCommentStore(redis.Connection, new RedisKeys(RedisServerFixture.UniquePrefix()));

    [Fact]
    public async Task Add_PendingComment_WritesItsKeysUnderOneHashTag()
    {
        string prefix = RedisServerFixture.UniquePrefix();
        var store = new RedisCommentStore(redis.Connection, new RedisKeys(prefix));

        await store.AddAsync(TestComments.Stored("c-1", CommentState.PendingReview, TestComments.Epoch), default);

        var server = redis.Connection.GetServer(redis.Connection.GetEndPoints()[0]);
        var keys = server.Keys(pattern: prefix + ":*").Select(k => (string)k!).Order().ToList();
        Assert.Equal(
            [$"{prefix}:{{wf}}:author-pending:author-1", $"{prefix}:{{wf}}:comment:c-1", $"{prefix}:{{wf}}:history:c-1", $"{prefix}:{{wf}}:queue:pending"],
            keys);
        Assert.Single(keys.Select(k => redis.Connection.HashSlot(k)).Distinct());
    }
}
