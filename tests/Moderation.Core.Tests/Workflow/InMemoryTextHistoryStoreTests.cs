using Moderation.Core.Rules.History;
using Moderation.Testing;

namespace Moderation.Core.Tests.Workflow;

public sealed class InMemoryTextHistoryStoreTests : TextHistoryStoreContract
{
    protected override ITextHistoryStore CreateStore() => new InMemoryTextHistoryStore();
}
