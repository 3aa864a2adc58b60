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
        var store = new RedisCommentStore(redis.Connection, new RedisKeys(RedisServerFixture.UniquePrefix()));
        return (store, store, store);
    }
}
