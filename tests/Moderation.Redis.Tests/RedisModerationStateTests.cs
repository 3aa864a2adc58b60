using Moderation.Redis.State;
using Moderation.Redis.Events;
using Moderation.Core.Workflow;
using Moderation.Redis.Comments;
using Moderation.Testing;

namespace Moderation.Redis.Tests;

[Collection(SharedRedisServer.Name)]
public sealed class RedisModerationStateTests(RedisServerFixture redis) : ModerationStateContract
{
    protected override (ICommentStore Comments, IModerationStateStore State) CreateStores()
    {
        var keys = new RedisKeys(RedisServerFixture.UniquePrefix());
        return (TestWorkflow.Over(new RedisCommentStore(redis.Connection, keys)), new RedisModerationState(redis.Connection, keys));
    }
}
