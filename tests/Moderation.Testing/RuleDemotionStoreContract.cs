using Moderation.Core.Rules.Brake;
using Xunit;

namespace Moderation.Testing;

/// <summary>What every store must do with the brake's shared demotions: keep each rule's latest, and forget one on request.</summary>
public abstract class RuleDemotionStoreContract
{
    protected abstract IRuleDemotionStore CreateStore();

    private static SharedDemotion Demotion(string ruleId, int recentMatches, string fingerprint = "fp-1") =>
        new(new RuleDemotion(ruleId, TestComments.Epoch, recentMatches, TimeSpan.FromMinutes(5), 0.25, TimeSpan.FromMinutes(55), 10, 50), fingerprint);

    [Fact]
    public async Task Save_TwoRules_ReadsBothBackWithTheirFigures()
    {
        var store = CreateStore();

        await store.SaveAsync(Demotion("scam", 51), default);
        await store.SaveAsync(Demotion("slur", 60, "fp-2"), default);

        var read = await store.ReadAsync(default);
        Assert.Equal(Demotion("scam", 51), read["scam"]);
        Assert.Equal(Demotion("slur", 60, "fp-2"), read["slur"]);
    }

    [Fact]
    public async Task Save_SameRuleAgain_KeepsTheLatest()
    {
        var store = CreateStore();

        await store.SaveAsync(Demotion("scam", 51), default);
        await store.SaveAsync(Demotion("scam", 70, "fp-3"), default);

        Assert.Equal(Demotion("scam", 70, "fp-3"), Assert.Single(await store.ReadAsync(default)).Value);
    }

    [Fact]
    public async Task Remove_OneRule_ForgetsOnlyIt()
    {
        var store = CreateStore();
        await store.SaveAsync(Demotion("scam", 51), default);
        await store.SaveAsync(Demotion("slur", 60), default);

        await store.RemoveAsync("scam", default);
        await store.RemoveAsync("never-demoted", default);

        Assert.Equal(["slur"], (await store.ReadAsync(default)).Keys);
    }
}
