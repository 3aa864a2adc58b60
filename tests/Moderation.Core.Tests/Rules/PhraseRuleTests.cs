using Moderation.Core.Decisions;
using Moderation.Core.Rules;

namespace Moderation.Core.Tests.Rules;

/// <summary>Phrase rules: slots, alternatives, optional parts and gaps, matched through the readings.</summary>
public sealed class PhraseRuleTests
{
    private const string Slots = """
        slots:
          who: [i, "i'm", we]
          will: [will, "going to", gonna]
          harm: ["kill*", shoot]
          whom: [you, u, them]
        """;

    private static RuleSet Parse(string phrases) => RuleSetParser.Parse(
        $"""
        {Slots}
        rules:
          - id: threat
            action: hold
            phrases: {phrases}
        """, "phrases", DateTimeOffset.UnixEpoch);

    private static readonly RuleSet Rules = Parse("""["{who} {will} (just|really)? {harm} {whom}", "{who} {will} find {whom} ... {harm}"]""");

    [Theory]
    [InlineData("I will kill you", 0, 15)]
    [InlineData("Well, I'm going to KILL you!", 6, 27)]
    [InlineData("we gonna really shoot them", 0, 26)]
    [InlineData("i will k1ll u", 0, 13)]
    [InlineData("I will find you and then kill", 0, 29)]
    [InlineData("we will killl them", 0, 18)]
    public void Phrase_MatchesEverySentenceOfItsShape(string text, int start, int end)
    {
        var reason = Rules.Evaluate(text).Reasons.Single(r => r.RuleId == "threat");

        Assert.Equal([new TextSpan(start, end)], reason.Spans);
    }

    [Theory]
    [InlineData("I will kill the bill")]
    [InlineData("They will kill you")]
    [InlineData("I will find you a seat, then we kill time")]
    [InlineData("skill you will kill")]
    [InlineData("what a sh**t, and a k*ll")]
    public void Phrase_LeavesOtherSentencesAlone(string text) => Assert.Empty(Rules.Evaluate(text).Reasons);

    [Theory]
    [InlineData("""["{nobody} {harm}"]""", "no slot named 'nobody'")]
    [InlineData("""["{who}? {harm}"]""", "must begin and end with a required word")]
    [InlineData("""["{harm} ..."]""", "must begin and end with a required word")]
    [InlineData("""["(kill|shoot {whom}"]""", "never closed")]
    [InlineData("""["{harm} (them|{nobody})"]""", "no slot named 'nobody'")]
    public void Parse_InvalidPhrase_NamesTheProblem(string phrases, string problem)
    {
        var error = Assert.Throws<InvalidRulesException>(() => Parse(phrases));

        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("we will shoot them", 0, 18)]
    [InlineData("we will shoot u", 0, 15)]
    [InlineData("we will shoot everyone", 0, 22)]
    public void Phrase_SlotAmongInlineAlternatives_MatchesEachOfItsPhrases(string text, int start, int end)
    {
        var rules = Parse("""["{who} {will} {harm} (everyone|{whom})"]""");

        var reason = rules.Evaluate(text).Reasons.Single(r => r.RuleId == "threat");

        Assert.Equal([new TextSpan(start, end)], reason.Spans);
    }

    [Fact]
    public void Phrase_LongTextOfNearMisses_FindsTheOneMatchAtItsEnd()
    {
        // Every word begins a phrase that fails late, in every way a gap and an optional part allow:
        // the kind of text on which a matcher that retries without bound never finishes.
        string nearMisses = string.Concat(Enumerable.Repeat("i will find you a b c i will really kill killer ", 400));
        string text = nearMisses + "i will really kill you";

        var reason = Rules.Evaluate(text).Reasons.Single(r => r.RuleId == "threat");

        Assert.Contains(new TextSpan(text.Length - 22, text.Length), reason.Spans);
    }
}
