using Moderation.Core.Events;
using Moderation.Core.Workflow;
using Moderation.Testing;

namespace Moderation.Core.Tests.Workflow;

public sealed class InMemoryDecisionEventLogTests : DecisionEventLogContract
{
    private TimeSpan _retention;

    protected override (ICommentStore Comments, IDecisionEventLog Events) CreateStores(TimeSpan retention)
    {
        _retention = retention;
        var store = new InMemoryCommentStore(retention);
        return (TestWorkflow.Over(store), store);
    }

    // A restart: the process's store is gone, and a new one begins empty.
    protected override Task<(ICommentStore Comments, IDecisionEventLog Events)> BeginAgainAsync() =>
        Task.FromResult(CreateStores(_retention));
}
