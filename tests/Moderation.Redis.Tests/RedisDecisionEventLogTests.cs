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
        var store = new RedisCommentStore(redis.Connection, new RedisKeys(RedisServerFixture.UniquePrefix()), retention);
        return (TestWorkflow.Over(store), store);
    }
}
