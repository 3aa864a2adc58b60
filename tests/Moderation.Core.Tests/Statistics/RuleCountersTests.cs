using Moderation.Core.Comments;
using Moderation.Core.Decisions;
using Moderation.Core.Rules;
using Moderation.Core.Rules.Statistics;
using Moderation.Core.Tests.Rules;
using Moderation.Core.Workflow;
using Moderation.Testing;

namespace Moderation.Core.Tests.Statistics;

public sealed class RuleCountersTests
{
    private static readonly RuleSet Rules = TestRules.Parse();

    private static Comment Stored(Decision decision) =>
        new(TestComments.Submission("c-1"), decision, Comment.StateFor(decision.Verdict), 1, TestComments.Epoch, TestComments.Epoch);

    private static ModeratorDecision Moderator(Verdict verdict) => new("mod", verdict, ReasonCode.Other, "", TestComments.Epoch.AddHours(2));

    [Fact]
    public void DecidingReason_RejectAndCensorMatch_IsTheRejectRule()
    {
        var decision = Rules.Evaluate("darn, fuck this");

        Assert.Equal("block", decision.DecidingReason()?.RuleId);
    }

    [Fact]
    public void DecidingReason_OnlyAShadowRuleMatches_IsNone()
    {
        var decision = Rules.Evaluate("news from ukraine");

        Assert.Equal(Verdict.Approved, decision.Verdict);
        Assert.Null(decision.DecidingReason());
    }

    [Fact]
    public void DecidingReason_PremoderatedArticleHoldsACensoredComment_IsTheArticleSetting()
    {
        var decision = WorkflowPolicy.Apply(Rules.Evaluate("darn it"), AuthorRecord.New("a"), new ArticleSettings("x", ArticleMode.Premoderated, null, null), TestComments.Epoch, BuiltInReasons.Default);

        Assert.Equal(BuiltInReasons.ArticlePremoderated, decision.DecidingReason()?.RuleId);
    }

    [Fact]
    public void ForSubmission_CleanComment_CountsTheCommentAlone()
    {
        var counters = RuleCounters.ForSubmission(Rules.Evaluate("A calm remark."), TestComments.Epoch.AddMinutes(59));

        Assert.Equal(RuleCounters.HourOf(TestComments.Epoch), counters.Hour);
        Assert.Equal(["comments"], counters.Fields);
    }

    [Fact]
    public void ForSubmission_SeveralRules_CountsEachByActionAndVerdictShadowApartAndTheDecider()
    {
        var counters = RuleCounters.ForSubmission(Rules.Evaluate("you idiot, darn, ukraine"), TestComments.Epoch);

        Assert.Equal(["comments", "hold|hold", "hold|verdict-pending", "censor|censor", "censor|verdict-pending", "watch|reject", "watch|verdict-pending", "watch|shadow", "hold|decided"], counters.Fields);
    }

    [Theory]
    [InlineData("you idiot", Verdict.Approved, true)]
    [InlineData("you idiot", Verdict.Rejected, false)]
    [InlineData("fuck", Verdict.Approved, true)]
    [InlineData("darn", Verdict.Rejected, true)]
    [InlineData("darn", Verdict.Approved, false)]
    public void ForReview_FirstModeratorDecision_OverturnsWhenItDisagreesOnPublishing(string text, Verdict moderator, bool overturned)
    {
        var comment = Stored(Rules.Evaluate(text));
        string rule = comment.Decision.DecidingReason()!.RuleId;

        var counters = RuleCounters.ForReview(comment, Moderator(moderator));

        Assert.NotNull(counters);
        Assert.Equal(RuleCounters.HourOf(TestComments.Epoch.AddHours(2)), counters.Hour);
        Assert.Equal(overturned ? [rule + "|reviewed", rule + "|overturned"] : [rule + "|reviewed"], counters.Fields);
    }

    [Fact]
    public void ForReview_CommentAModeratorDecidedBefore_CountsNothing()
    {
        var comment = Stored(Rules.Evaluate("you idiot")) with { ModeratorDecision = Moderator(Verdict.Approved) };

        Assert.Null(RuleCounters.ForReview(comment, Moderator(Verdict.Rejected)));
    }

    [Theory]
    [InlineData("comments", false, "", "")]
    [InlineData("profanity-strong|reject", true, "profanity-strong", "reject")]
    [InlineData("score-threshold|decided", true, "score-threshold", "decided")]
    public void TryParse_Field_SplitsRuleAndCounter(string field, bool isRule, string rule, string counter)
    {
        Assert.Equal(isRule, RuleCounters.TryParse(field, out string ruleId, out string name));
        Assert.Equal((rule, counter), (ruleId, name));
    }

    [Fact]
    public void HourOf_BeforeTheEpoch_RoundsDown()
    {
        Assert.Equal(-1, RuleCounters.HourOf(DateTimeOffset.UnixEpoch.AddMilliseconds(-1)));
        Assert.Equal(DateTimeOffset.UnixEpoch.AddHours(-1), RuleCounters.StartOf(-1));
    }
}
