using Moderation.Core.Decisions;
using Moderation.Core.Rules;

namespace Moderation.Core.Tests.Rules;

/// <summary>
/// A trick is read again only in a window around it. These are the cases where a window could
/// cut what a term, an allow term or a phrase needs: each must read as if the whole comment had
/// been read every way.
/// </summary>
public sealed class ReadingWindowTests
{
    private static readonly RuleSet Rules = RuleSetParser.Parse(
        """
        rules:
          - id: insult
            action: hold
            terms: [idiot, "son of a bitch"]
            allow: ["dostoevsky's novel the idiot"]
          - id: groan
            action: hold
            terms: ["aaargh idiot", "zoo keeper", "boot camp"]
          - id: hunt
            action: hold
            phrases: ["hunt ...8 kill", "(i|we) will ...1 kill (you|u)", "(we|they) ...8 massacre"]
          - id: abuse
            action: hold
            phrases: ["you fucking (loser|shit)"]
        """, "windows", DateTimeOffset.UnixEpoch);

    private static IReadOnlyList<TextSpan> SpansOf(string text, string rule) =>
        Rules.Evaluate(text).Reasons.SingleOrDefault(r => r.RuleId == rule)?.Spans ?? [];

    [Fact]
    public void Evaluate_TermWithTricksInTwoWords_ReadsBothUndone()
    {
        const string text = "you are a s0n of a b1tch";

        Assert.Equal([new TextSpan(10, 24)], SpansOf(text, "insult"));
    }

    [Fact]
    public void Evaluate_AllowTermReachingPastTheWindow_StillAllows()
    {
        // The window around "gr8" holds "the idiot it is gr8": the allow term is cut there, and
        // only the whole text may decide about "idiot".
        Assert.Empty(SpansOf("I reread Dostoevsky's novel The Idiot and it is gr8", "insult"));
        Assert.Equal([new TextSpan(4, 9)], SpansOf("you idiot and it is gr8", "insult"));
    }

    [Fact]
    public void Evaluate_PhraseTriggerFarFromTheTrick_Matches()
    {
        // "hunt" is eight words from "k1ll": outside the window, inside the phrase's reach.
        const string text = "we will hunt them down one by one and then k1ll";

        Assert.Equal([new TextSpan(8, text.Length)], SpansOf(text, "hunt"));
    }

    [Fact]
    public void Evaluate_WordsJoinedIntoAPhraseGap_Matches()
    {
        // Spelled out, "f.u.c.k.i.n.g" is seven words, too many for the gap; joined, it is one.
        const string text = "i will f.u.c.k.i.n.g kill you";

        Assert.Equal([new TextSpan(0, text.Length)], SpansOf(text, "hunt"));
    }

    [Theory]
    [InlineData("you fuuuucking 1oser")]
    [InlineData("you fuuuucking sh1t")]
    [InlineData("you f.u.c.k.i.n.g 1oser")]
    public void Evaluate_PhraseNeedingOneOfTheLeetReadings_Matches(string text)
    {
        // The window is read with 1 as i and as l: only one of them holds the phrase's word, and
        // the other reading must not be taken for one with the same matches.
        Assert.Equal([new TextSpan(0, text.Length)], SpansOf(text, "abuse"));
    }

    [Fact]
    public void Evaluate_PhraseTriggerBeyondItsReach_DoesNotMatch()
    {
        Assert.Empty(SpansOf("we will hunt them down one by one and then again and k1ll", "hunt"));
    }

    [Theory]
    [InlineData("aaargh 1d10t", 0, 12)]
    [InlineData("zooooo keep3r", 0, 13)]
    [InlineData("booooot c4mp", 0, 12)]
    public void Evaluate_StretchedLettersBesideATrick_ReadInTheFormsTheTermsHold(string text, int start, int end)
    {
        // A window shortens a run only to the forms some term holds: three letters as written,
        // two, or one.
        Assert.Equal([new TextSpan(start, end)], SpansOf(text, "groan"));
    }

    [Fact]
    public void Evaluate_PhrasesDeepInALongComment_MatchEachWhole()
    {
        // A phrase is tried only a phrase's length around its trigger: a gap of all eight words
        // before "kill" and the two matches next to each other must still be found whole.
        string filler = string.Join(" ", Enumerable.Repeat("the figures were counted", 40));
        const string first = "hunt them all down one by one and then kill";
        const string second = "hunt and kill";
        const string third = "we will k1ll u";
        const string fourth = "they will find them all one by one and massacre";
        string text = $"{filler} {first} {second} {filler} {third} {filler} {fourth} {filler}";

        Assert.Equal(
            [new TextSpan(text.IndexOf(first, StringComparison.Ordinal), text.IndexOf(first, StringComparison.Ordinal) + first.Length),
             new TextSpan(text.IndexOf(second, StringComparison.Ordinal), text.IndexOf(second, StringComparison.Ordinal) + second.Length),
             new TextSpan(text.IndexOf(third, StringComparison.Ordinal), text.IndexOf(third, StringComparison.Ordinal) + third.Length),
             new TextSpan(text.IndexOf(fourth, StringComparison.Ordinal), text.IndexOf(fourth, StringComparison.Ordinal) + fourth.Length)],
            SpansOf(text, "hunt").OrderBy(s => s.Start));
    }

    [Fact]
    public void Evaluate_ManyTricksInALongComment_FindsEachOnce()
    {
        string text = string.Join(" ", Enumerable.Repeat("this is fine and 1d10t here", 200));

        Assert.Equal(200, SpansOf(text, "insult").Count);
    }
}
