using Moderation.Core.Workflow;
using Moderation.Redis.Comments;
using Moderation.Testing;

namespace Moderation.Redis.Tests;

[Collection(SharedRedisServer.Name)]
public sealed class RedisModerationStateTests(RedisServerFixture redis) : ModerationStateContract
{
    protected override (ICommentStore Comments, IModerationStateStore State) CreateStores()
    {
        var store = new RedisCommentStore(redis.Connection, new RedisKeys(RedisServerFixture.UniquePrefix()));
        return (TestWorkflow.Over(store), store);
    }
}
