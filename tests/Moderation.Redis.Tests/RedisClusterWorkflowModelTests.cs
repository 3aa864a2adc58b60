using Moderation.Core.Events;
using Moderation.Core.Workflow;
using Moderation.Redis.Comments;
using Moderation.Redis.Events;
using Moderation.Redis.State;
using Moderation.Testing;

namespace Moderation.Redis.Tests;

/// <summary>The model-based workflow test on a real three-master cluster: every change script runs in one slot there too.</summary>
public sealed class RedisClusterWorkflowModelTests(RedisClusterFixture cluster) : WorkflowModelContract, IClassFixture<RedisClusterFixture>
{
    protected override int Sequences => 40;

    protected override (ICommentRecordStore Records, IModerationStateStore State, IDecisionEventLog Events) CreateStores()
    {
        var keys = new RedisKeys(RedisServerFixture.UniquePrefix());
        return (new RedisCommentStore(cluster.Connection, keys), new RedisModerationState(cluster.Connection, keys), new RedisDecisionEventLog(cluster.Connection, keys));
    }
}
