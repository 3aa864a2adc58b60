using Moderation.Core.Decisions;
using Moderation.Core.Rules;
using Moderation.Core.Rules.History;
using Moderation.Core.Rules.Normalization;
using Moderation.Testing;

namespace Moderation.Core.Tests.Rules;

public sealed class TextHistoryRuleTests
{
    private static readonly RuleSet Rules = RuleSetParser.Parse("""
        rules:
          - {id: repeat, action: hold, spam: {repeat_within: 10m}}
          - {id: campaign, action: reject, spam: {copies_from_authors: 3, within: 1h}}
        """, "history", TestComments.Epoch);

    private static readonly DateTimeOffset Now = TestComments.Epoch;

    [Fact]
    public void HistoryWindows_AreTheWindowsTheRulesCountOver()
    {
        Assert.Equal([TimeSpan.FromMinutes(10), TimeSpan.FromHours(1)], Rules.HistoryWindows.Order());
        Assert.Empty(RuleSetParser.Parse("rules:\n  - {id: t, action: hold, terms: [x]}\n", "t", Now).HistoryWindows);
    }

    [Fact]
    public void Repeat_SameAuthorWithinTheWindow_IsHeld()
    {
        var history = new TextHistory(Now.AddMinutes(-4), new Dictionary<TimeSpan, int> { [TimeSpan.FromHours(1)] = 1 });

        Assert.Equal(Verdict.PendingReview, Rules.Evaluate("Same again", new EvaluationContext(Now, History: history)).Verdict);
        Assert.Equal(Verdict.Approved, Rules.Evaluate("Same again", new EvaluationContext(Now, History: history with { AuthorPostedBefore = Now.AddMinutes(-11) })).Verdict);
    }

    [Fact]
    public void Campaign_ThirdAuthorWithinTheWindow_IsRejected()
    {
        var two = new TextHistory(null, new Dictionary<TimeSpan, int> { [TimeSpan.FromHours(1)] = 2 });
        var three = two with { AuthorsWithin = new Dictionary<TimeSpan, int> { [TimeSpan.FromHours(1)] = 3 } };

        Assert.Equal(Verdict.Approved, Rules.Evaluate("Vote for X", new EvaluationContext(Now, History: two)).Verdict);
        Assert.Equal(Verdict.Rejected, Rules.Evaluate("Vote for X", new EvaluationContext(Now, History: three)).Verdict);
    }

    [Fact]
    public void NoHistory_MatchesNeither()
    {
        Assert.Empty(Rules.Evaluate("Vote for X").Reasons);
    }

    [Fact]
    public void Fingerprint_IgnoresCaseSpacingPunctuationAndLookAlikes()
    {
        Assert.Equal(TextFingerprint.Of("Buy now"), TextFingerprint.Of("BUY   NOW!!!"));
        Assert.Equal(TextFingerprint.Of("buy now"), TextFingerprint.Of("bυy now"));
        Assert.NotEqual(TextFingerprint.Of("buy now"), TextFingerprint.Of("buy later"));
    }

    [Fact]
    public void Parse_CampaignWithoutWindow_IsRefused()
    {
        Assert.Null(RuleSetParser.TryParse("rules:\n  - {id: c, action: hold, spam: {copies_from_authors: 3}}\n", "t", Now, out var errors));
        Assert.Contains(errors, e => e.Message.Contains("within", StringComparison.Ordinal));
    }
}
