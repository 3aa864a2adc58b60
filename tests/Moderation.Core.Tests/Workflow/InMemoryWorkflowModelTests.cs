using Moderation.Core.Events;
using Moderation.Core.Workflow;
using Moderation.Testing;

namespace Moderation.Core.Tests.Workflow;

public sealed class InMemoryWorkflowModelTests : WorkflowModelContract
{
    protected override (ICommentRecordStore Records, IModerationStateStore State, IDecisionEventLog Events) CreateStores()
    {
        var store = new InMemoryCommentStore();
        return (store, store, store);
    }
}
