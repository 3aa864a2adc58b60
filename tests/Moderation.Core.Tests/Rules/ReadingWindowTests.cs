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
          - id: hunt
            action: hold
            phrases: ["hunt ...8 kill", "(i|we) will ...1 kill (you|u)"]
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

    [Fact]
    public void Evaluate_PhraseTriggerBeyondItsReach_DoesNotMatch()
    {
        Assert.Empty(SpansOf("we will hunt them down one by one and then again and k1ll", "hunt"));
    }

    [Fact]
    public void Evaluate_ManyTricksInALongComment_FindsEachOnce()
    {
        string text = string.Join(" ", Enumerable.Repeat("this is fine and 1d10t here", 200));

        Assert.Equal(200, SpansOf(text, "insult").Count);
    }
}
