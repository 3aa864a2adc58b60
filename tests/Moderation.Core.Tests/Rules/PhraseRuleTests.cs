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

    [Fact]
    public void Phrase_WordWithWildcardsAtBothEndsReadThroughLeet_Matches()
    {
        var rules = Parse("""["i will *kill*"]""");

        var reason = rules.Evaluate("i will overk1lling").Reasons.Single(r => r.RuleId == "threat");

        Assert.Equal([new TextSpan(0, 18)], reason.Spans);
    }

    [Theory]
    [InlineData("i will find you and then, after the war is long over and everyone has gone home, kill", true)]
    [InlineData("i will find you and then, after the war is long over and everyone has gone home to their families, kill", false)]
    public void Phrase_GapOfTwoDigits_HoldsThatManyWords(string text, bool caught)
    {
        var rules = Parse("""["i will find you ...14 kill"]""");

        Assert.Equal(caught, rules.Evaluate(text).Reasons.Any(r => r.RuleId == "threat"));
    }

    [Theory]
    [InlineData("...0")]
    [InlineData("...21")]
    public void Phrase_GapOutsideItsRange_IsAProblemOnLoad(string gap)
    {
        var problem = Assert.Throws<InvalidRulesException>(() => Parse($"""["i will {gap} kill"]"""));

        Assert.Contains($"'{gap}'", problem.Message);
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

    private static readonly RuleSet WordSenses = RuleSetParser.Parse(
        """
        rules:
          - id: mild
            action: hold
            terms: [bitch, "ass"]
            allow_phrases: ["(our|my|the|a) bitch ...3 (puppies|pups|litter)", "(old|the|an|our) ass (pulls|pulled|carries|carried|brays)"]
        """, "senses", DateTimeOffset.UnixEpoch);

    [Theory]
    [InlineData("Our bitch had six puppies last week.")]
    [InlineData("The b1tch had a litter of four.")]
    [InlineData("The farmer's old ass pulls the cart.")]
    public void AllowPhrase_WordInItsInnocentSense_IsNoMatch(string text) => Assert.Empty(WordSenses.Evaluate(text).Reasons);

    [Theory]
    [InlineData("You bitch, nobody asked for your puppies.", 4, 9)]
    [InlineData("Our bitch had six puppies, and you are a bitch too.", 41, 46)]
    [InlineData("Kiss my ass.", 8, 11)]
    public void AllowPhrase_WordOutsideTheInnocentPhrase_StillMatches(string text, int start, int end)
    {
        var reason = WordSenses.Evaluate(text).Reasons.Single(r => r.RuleId == "mild");

        Assert.Equal([new TextSpan(start, end)], reason.Spans);
    }

    [Fact]
    public void Parse_AllowPhrasesOnALinksRule_NamesTheProblem()
    {
        var error = Assert.Throws<InvalidRulesException>(() => RuleSetParser.Parse(
            """
            rules:
              - id: links
                action: hold
                links: { any: true }
                allow_phrases: ["our own site"]
            """, "phrases", DateTimeOffset.UnixEpoch));

        Assert.Contains("'allow_phrases' belongs to term and phrase rules", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("I will kill you", true)]
    [InlineData("The line I will kill you is from the film.", false)]
    public void AllowPhrase_OnAPhraseRule_DropsThePhraseMatchesInsideIt(string text, bool caught)
    {
        var rules = RuleSetParser.Parse(
            """
            rules:
              - id: threat
                action: hold
                phrases: ["i will kill you"]
                allow_phrases: ["the line ...4 is from the (film|book|song)"]
            """, "phrases", DateTimeOffset.UnixEpoch);

        Assert.Equal(caught, rules.Evaluate(text).Reasons.Any(r => r.RuleId == "threat"));
    }
}
