using Moderation.Redis.State;
using Moderation.Redis.Events;
using Moderation.Core.Events;
using Moderation.Core.Workflow;
using Moderation.Redis.Comments;
using Moderation.Testing;

namespace Moderation.Redis.Tests;

[Collection(SharedRedisServer.Name)]
public sealed class RedisDecisionEventLogTests(RedisServerFixture redis) : DecisionEventLogContract
{
    protected override (ICommentStore Comments, IDecisionEventLog Events) CreateStores(TimeSpan retention)
    {
        var keys = new RedisKeys(RedisServerFixture.UniquePrefix());
        return (TestWorkflow.Over(new RedisCommentStore(redis.Connection, keys, retention)), new RedisDecisionEventLog(redis.Connection, keys));
    }
}
