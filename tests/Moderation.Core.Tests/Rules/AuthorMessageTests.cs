using Moderation.Core.Comments;
using Moderation.Core.Decisions;
using Moderation.Core.Rules;
using Moderation.Core.Workflow;

namespace Moderation.Core.Tests.Rules;

/// <summary>The one message a decision gives its author, and the built-in reasons' messages a rules file sets.</summary>
public sealed class AuthorMessageTests
{
    private const string Rules = """
        thresholds: { hold: 2, reject: 3 }
        rules:
          - id: rude
            action: hold
            weight: 1
            author_message: Held for review.
            terms: [rude]
          - id: crude
            action: hold
            weight: 2
            author_message: Held for a closer look.
            terms: [crude]
          - id: swear
            action: reject
            author_message: We do not publish that word.
            terms: [damnit]
          - id: caps
            action: flag
            author_message: Please do not shout.
            spam: { caps_ratio: 0.9, min_letters: 5 }
        """;

    private static readonly RuleSet Default = RuleSetParser.Parse(Rules, "messages", DateTimeOffset.UnixEpoch);

    [Theory]
    [InlineData("a rude remark", "Held for review.")]
    [InlineData("rude and damnit", "We do not publish that word.")]
    [InlineData("A fine remark", "")]
    [InlineData("LOUD FINE REMARK", "Please do not shout.")]
    public void AuthorMessage_ComesFromTheReasonThatDecided(string text, string expected) =>
        Assert.Equal(expected, Default.Evaluate(text).AuthorMessage);

    [Fact]
    public void AuthorMessage_RejectedByScore_DoesNotPromiseReview()
    {
        var decision = Default.Evaluate("rude and crude");

        Assert.Equal(Verdict.Rejected, decision.Verdict);
        Assert.Equal(BuiltInReasons.ScoreThreshold, decision.Reasons[^1].RuleId);
        Assert.DoesNotContain("reviewed", decision.AuthorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void BuiltInReasons_SetInTheFile_ReplaceTheDefaults()
    {
        var rules = RuleSetParser.Parse(Rules + """

            built_in_reasons:
              score-threshold: { author_message: Too many problems in one comment. }
              author-suspended: { author_message: "Back after {until}, please.", moderator_message: Suspended author. }
            """, "messages", DateTimeOffset.UnixEpoch);
        var until = new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero);
        var suspended = AuthorRecord.New("a-1") with { Status = AuthorStatus.Suspended, SuspendedUntil = until };

        var byScore = rules.Evaluate("rude and crude");
        var bySuspension = WorkflowPolicy.Apply(rules.Evaluate("fine"), suspended, ArticleSettings.Open("x"), DateTimeOffset.UnixEpoch, rules.BuiltInReasons);

        Assert.Equal("Too many problems in one comment.", byScore.AuthorMessage);
        Assert.Equal("Back after 2030-01-02 03:04:05Z, please.", bySuspension.AuthorMessage);
        Assert.Contains(rules.BuiltInReasons.All, r => r.Id == "author-suspended" && r.ModeratorMessage == "Suspended author.");
    }

    [Fact]
    public void BuiltInReasons_UnknownId_IsAnError()
    {
        var error = Assert.Throws<InvalidRulesException>(() => RuleSetParser.Parse(
            Rules + "\nbuilt_in_reasons:\n  author-jailed: { author_message: x }\n", "messages", DateTimeOffset.UnixEpoch));

        Assert.Contains("author-jailed", error.Message, StringComparison.Ordinal);
    }

    private static readonly RuleSet Multilingual = RuleSetParser.Parse("""
        rules:
          - id: threat
            action: hold
            author_message: { en: Held for review., ru: Ждёт проверки., uk: Чекає на перевірку., ko: 검토 후 게시됩니다. }
            terms: [kill, убью, вбʼю, 죽여]
          - id: cyrillic-only
            action: hold
            languages: [ru, uk]
            terms: [bot]
        """, "languages", DateTimeOffset.UnixEpoch);

    [Theory]
    [InlineData("I will kill you", "Held for review.")]
    [InlineData("Я тебя убью", "Ждёт проверки.")]
    [InlineData("Я тебе вбʼю, і все", "Чекає на перевірку.")]
    [InlineData("죽여 버린다", "검토 후 게시됩니다.")]
    public void AuthorMessage_PerLanguage_FollowsTheCommentsLanguage(string text, string expected) =>
        Assert.Equal(expected, Multilingual.Evaluate(text).AuthorMessage);

    [Fact]
    public void Languages_RuleForCyrillic_SkipsCommentsWithoutIt()
    {
        Assert.Empty(Multilingual.Evaluate("you bot").Reasons);
        Assert.Contains(Multilingual.Evaluate("ты bot").Reasons, r => r.RuleId == "cyrillic-only");
    }

    [Fact]
    public void Languages_Unknown_IsAnError()
    {
        var error = Assert.Throws<InvalidRulesException>(() => RuleSetParser.Parse(
            "rules:\n  - { id: x, action: hold, languages: [fr], terms: [a] }\n", "languages", DateTimeOffset.UnixEpoch));

        Assert.Contains("Unknown language 'fr'", error.Message, StringComparison.Ordinal);
    }
}
