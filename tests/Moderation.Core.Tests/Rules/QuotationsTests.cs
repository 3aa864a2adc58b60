using Moderation.Core.Decisions;
using Moderation.Core.Rules;

namespace Moderation.Core.Tests.Rules;

/// <summary>
/// <c>skip_quoted: true</c>: a threat quoted to report or condemn it is not taken for one, in the
/// quotation marks of each language, while the same words outside quotation marks still match.
/// </summary>
public sealed class QuotationsTests
{
    private static readonly RuleSet Rules = RuleSetParser.Parse("""
        rules:
          - id: threats
            action: reject
            skip_quoted: true
            terms: [сдохни, сдохли, shoot, згоріли, 죽어라, "조심해*"]
          - id: unquoted
            action: hold
            terms: [vermin]
        """, "quotes", DateTimeOffset.UnixEpoch);

    [Theory]
    [InlineData("The man who shouted \"I'll shoot you all\" at the rally should be prosecuted.")]
    [InlineData("He wrote “I will shoot you” under my post, mods please look.")]
    [InlineData("Кто-то выше написал «чтоб они все сдохли». Это мерзко.")]
    [InlineData("Хтось написав „щоб вони всі згоріли“. Це огидно.")]
    [InlineData("윗댓에 '다 죽어라'라고 쓰신 분, 그런 말은 정말 아닙니다.")]
    [InlineData("누가 저한테 '밤길 조심해라'라고 쪽지를 보냈는데 신고했습니다.")]
    [InlineData("누가 \"조심해라\"라는 댓글을 달았네요.")]
    [InlineData("Someone wrote 'just shoot them' and nobody deleted it.")]
    [InlineData("He said ‘I'll shoot’ and left.")]
    [InlineData("«Он кричал \"сдохни\" и смеялся» — так пишет свидетель.")]
    [InlineData("Quoting «сдохни» here — and 'don't' is not a quote mark.")]
    [InlineData("He wrote \"shoot\", she wrote «сдохни», they wrote 'shoot them' and “shoot” again.")]
    public void Evaluate_ThreatInQuotationMarks_IsNotMatched(string text) =>
        Assert.Equal(Verdict.Approved, Rules.Evaluate(text).Verdict);

    [Theory]
    [InlineData("I'll shoot you, don't think I won't.")]
    [InlineData("сдохни уже")]
    [InlineData("\"Hello\" to you too, now сдохни")]
    [InlineData("You say \"hi\" but I'll shoot you anyway, that's what I'd 'do'.")]
    [InlineData("\"I'll shoot you")]
    [InlineData("다 죽어라 '진짜'")]
    [InlineData("밤길 조심해라 '진짜'라고 했지")]
    [InlineData("Don't quote me: shoot them all, it's the only way.")]
    [InlineData("He wrote \"shoot\", she wrote «сдохни», and I say shoot, \"and\" 'so' «do» you.")]
    [InlineData("\"I will shoot you\"")]
    [InlineData("«сдохни» 😡")]
    [InlineData("'shoot them all' lol")]
    public void Evaluate_ThreatOutsideQuotationMarks_IsMatched(string text) =>
        Assert.Equal(Verdict.Rejected, Rules.Evaluate(text).Verdict);

    [Fact]
    public void Evaluate_RuleWithoutSkipQuoted_MatchesInsideQuotationMarks()
    {
        var decision = Rules.Evaluate("They called us \"vermin\" on air.");

        Assert.Equal("unquoted", Assert.Single(decision.Reasons).RuleId);
    }
}
