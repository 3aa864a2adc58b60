using Moderation.Api.V1;
using Moderation.Server.Auth;

namespace Moderation.Server.Tests;

/// <summary>Every evasion technique through TestComment against the shipped rules, as an administrator would try it.</summary>
public sealed class EvasionOverGrpcTests(InMemoryServer server) : IClassFixture<InMemoryServer>
{
    private readonly RulesService.RulesServiceClient _rules = new(server.Factory.ChannelFor(Roles.Admin));

    private async Task<Decision> Test(string text) => (await _rules.TestCommentAsync(new TestCommentRequest { Text = text })).Decision;

    [Theory]
    [InlineData("case and width", "ＦＵＣＫ this", 0u, 4u)]
    [InlineData("accents", "fück off", 0u, 4u)]
    [InlineData("cyrillic look-alikes", "fսсk off", 0u, 4u)]
    [InlineData("mathematical letters", "𝐟𝐮𝐜𝐤 off", 0u, 4u)]
    [InlineData("circled letters", "ⓕⓤⓒⓚ off", 0u, 4u)]
    [InlineData("enclosed emoji letters", "🅵🆄🅲🅺 off", 0u, 4u)]
    [InlineData("leet", "phuck? no: f*ck is masked, but fu(k... try c0cksucker", 43u, 53u)]
    [InlineData("repeated letters", "fuuuuuuck off", 0u, 9u)]
    [InlineData("dotted letters", "f.u.c.k off", 0u, 7u)]
    [InlineData("spaced letters", "f u c k off", 0u, 7u)]
    [InlineData("hyphenated letters", "f-u-c-k off", 0u, 7u)]
    [InlineData("underscored letters", "f_u_c_k off", 0u, 7u)]
    [InlineData("zero-width space", "fu\u200Bck off", 0u, 5u)]
    [InlineData("bidi controls", "f\u202Euc\u202Ck off", 0u, 6u)]
    [InlineData("soft hyphen", "fu\u00ADck off", 0u, 5u)]
    [InlineData("stacked marks", "f̶u̶c̶k̶ off", 0u, 8u)]
    [InlineData("html entities", "&#102;uck off", 0u, 9u)]
    public async Task TestComment_Evasion_IsStillRejectedWithTheSpanOfWhatWasWritten(string technique, string text, uint start, uint end)
    {
        var decision = await Test(text);

        Assert.True(decision.Verdict == Verdict.Rejected, $"{technique}: {text} was {decision.Verdict}");
        var reason = decision.Reasons.First(r => r.Action == RuleAction.Reject);
        Assert.Contains(reason.Spans, s => s.Start == start && s.End == end);
    }

    [Theory]
    [InlineData("Scunthorpe United won at home.")]
    [InlineData("The assassination of the archduke started a war.")]
    [InlineData("Kim Jong-un's troops were seen near the border.")]
    [InlineData("A careful analysis of the casualty figures.")]
    [InlineData("Shiitake and shitake mushrooms grow here.")]
    [InlineData("Cocktails in Penistone and Essex.")]
    [InlineData("Спасибо за статью.")]
    [InlineData("The U.S.A. and the U.K. signed at 3 p.m.")]
    [InlineData("Hellooo! Sooo sad to read this.")]
    public async Task TestComment_CleanSentence_IsApproved(string text)
    {
        var decision = await Test(text);

        Assert.True(decision.Verdict == Verdict.Approved, $"{text} was {decision.Verdict}: {string.Join(", ", decision.Reasons.Select(r => r.RuleId))}");
    }
}
