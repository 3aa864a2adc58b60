using Moderation.Core.Rules.Brake;
using Moderation.Testing;

namespace Moderation.Core.Tests.Rules.Brake;

public sealed class InMemoryRuleDemotionStoreTests : RuleDemotionStoreContract
{
    protected override IRuleDemotionStore CreateStore() => new InMemoryRuleDemotionStore();
}
