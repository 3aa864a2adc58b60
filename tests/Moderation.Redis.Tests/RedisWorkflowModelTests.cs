using Moderation.Redis.State;
using Moderation.Redis.Events;
using Moderation.Core.Events;
using Moderation.Core.Workflow;
using Moderation.Redis.Comments;
using Moderation.Testing;

namespace Moderation.Redis.Tests;

[Collection(SharedRedisServer.Name)]
public sealed class RedisWorkflowModelTests(RedisServerFixture redis) : WorkflowModelContract
{
    protected override (ICommentRecordStore Records, IModerationStateStore State, IDecisionEventLog Events) CreateStores()
    {
        var keys = new RedisKeys(RedisServerFixture.UniquePrefix());
        return (new RedisCommentStore(redis.Connection, keys), new RedisModerationState(redis.Connection, keys), new RedisDecisionEventLog(redis.Connection, keys));
    }
}
