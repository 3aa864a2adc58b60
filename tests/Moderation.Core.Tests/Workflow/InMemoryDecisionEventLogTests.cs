using Moderation.Core.Events;
using Moderation.Core.Workflow;
using Moderation.Testing;

namespace Moderation.Core.Tests.Workflow;

public sealed class InMemoryDecisionEventLogTests : DecisionEventLogContract
{
    protected override (ICommentStore Comments, IDecisionEventLog Events) CreateStores(TimeSpan retention)
    {
        var store = new InMemoryCommentStore(retention);
        return (TestWorkflow.Over(store), store);
    }
}
