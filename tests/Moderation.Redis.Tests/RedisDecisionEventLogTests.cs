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
    private string _prefix = "";
    private TimeSpan _retention;

    protected override (ICommentStore Comments, IDecisionEventLog Events) CreateStores(TimeSpan retention)
    {
        (_prefix, _retention) = (RedisServerFixture.UniquePrefix(), retention);
        return Over(new RedisKeys(_prefix));
    }

    // Redis lost this deployment's data (a restart without persistence, a flush): every key of
    // its prefix gone, the service still running.
    protected override async Task<(ICommentStore Comments, IDecisionEventLog Events)> BeginAgainAsync()
    {
        var server = redis.Connection.GetServers().Single();
        foreach (var key in server.Keys(pattern: _prefix + "*"))
        {
            await redis.Connection.GetDatabase().KeyDeleteAsync(key);
        }

        return Over(new RedisKeys(_prefix));
    }

    private (ICommentStore Comments, IDecisionEventLog Events) Over(RedisKeys keys) =>
        (TestWorkflow.Over(new RedisCommentStore(redis.Connection, keys, _retention)), new RedisDecisionEventLog(redis.Connection, keys));
}
