using Moderation.Core.Workflow;
using Moderation.Testing;

namespace Moderation.Core.Tests.Workflow;

public sealed class InMemoryCommentStoreTests : CommentStoreContract
{
    protected override ICommentStore CreateStore() => TestWorkflow.Over(new InMemoryCommentStore());
}
