using Moderation.Core.Workflow;
using Moderation.Testing;

namespace Moderation.Core.Tests.Workflow;

public sealed class InMemoryModerationStateTests : ModerationStateContract
{
    protected override (ICommentStore Comments, IModerationStateStore State) CreateStores()
    {
        var store = new InMemoryCommentStore();
        return (TestWorkflow.Over(store), store);
    }
}
