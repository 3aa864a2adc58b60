using Moderation.Core.Decisions;

namespace Moderation.Core.Tests.Rules;

public sealed class RuleSetTests
{
    private readonly Moderation.Core.Rules.RuleSet _rules = TestRules.Parse();

    [Fact]
    public void Evaluate_CleanText_IsApprovedWithNoReasons()
    {
        var decision = _rules.Evaluate("The council voted to rebuild the bridge.");

        Assert.Equal(Verdict.Approved, decision.Verdict);
        Assert.Empty(decision.Reasons);
        Assert.Equal("The council voted to rebuild the bridge.", decision.CensoredText);
    }

    [Fact]
    public void Evaluate_BlockTerm_IsRejectedWithItsSpan()
    {
        var decision = _rules.Evaluate("What the fuck happened");

        Assert.Equal(Verdict.Rejected, decision.Verdict);
        var reason = Assert.Single(decision.Reasons);
        Assert.Equal("block", reason.RuleId);
        Assert.Equal("profanity", reason.Category);
        Assert.Equal(RuleAction.Reject, reason.Action);
        Assert.Equal("Please rephrase.", reason.AuthorMessage);
        Assert.Equal([new TextSpan(9, 13)], reason.Spans);
    }

    [Fact]
    public void Evaluate_HoldTerm_IsPendingReview()
    {
        Assert.Equal(Verdict.PendingReview, _rules.Evaluate("You IDIOT.").Verdict);
    }

    [Fact]
    public void Evaluate_TermInsideLongerWord_DoesNotMatch()
    {
        // "bi" is a hold term; it must not fire inside words of any script, composed or not.
        Assert.Equal(Verdict.Approved, _rules.Evaluate("Los biólogos y la bioética").Verdict);
        Assert.Equal(Verdict.Approved, _rules.Evaluate("Los bio\u0301logos").Verdict);
        Assert.Equal(Verdict.Approved, _rules.Evaluate("The idiotic plan").Verdict);
    }

    [Fact]
    public void Evaluate_SpanAfterAstralCharacters_CountsCodePoints()
    {
        var decision = _rules.Evaluate("😀😀 fuck");

        // Two emoji are four UTF-16 units but two code points.
        Assert.Equal([new TextSpan(3, 7)], decision.Reasons.Single().Spans);
    }

    [Fact]
    public void Evaluate_PhraseAcrossPunctuation_Matches()
    {
        var decision = _rules.Evaluate("Great deals, BUY... now!");

        Assert.Equal(Verdict.Rejected, decision.Verdict);
        Assert.Equal([new TextSpan(13, 23)], decision.Reasons.Single().Spans);
    }

    [Fact]
    public void Evaluate_SeveralRules_MostSevereWinsAndAllAreExplained()
    {
        var decision = _rules.Evaluate("idiot, fuck off, darn it");

        Assert.Equal(Verdict.Rejected, decision.Verdict);
        Assert.Equal(["block", "hold", "censor"], decision.Reasons.Select(r => r.RuleId));
    }

    [Fact]
    public void Evaluate_CensorTerm_IsApprovedWithTheMatchMasked()
    {
        var decision = _rules.Evaluate("Oh darn, 😀 darn.");

        Assert.Equal(Verdict.Approved, decision.Verdict);
        Assert.Equal("Oh ****, 😀 ****.", decision.CensoredText);
        Assert.Equal(0.5, decision.Score);
    }

    [Fact]
    public void Evaluate_ShadowRule_IsReportedButDoesNotDecide()
    {
        var decision = _rules.Evaluate("News from Ukraine");

        Assert.Equal(Verdict.Approved, decision.Verdict);
        var reason = Assert.Single(decision.Reasons);
        Assert.True(reason.Shadow);
        Assert.Equal(0, decision.Score);
    }

    [Fact]
    public void Evaluate_NamesTheRuleSetVersion()
    {
        var decision = _rules.Evaluate("hello");
        var other = TestRules.Parse(TestRules.Yaml + "\n# changed\n");

        Assert.Equal(_rules.Version, decision.RulesVersion);
        Assert.NotEqual(_rules.Version, other.Version);
    }
}
