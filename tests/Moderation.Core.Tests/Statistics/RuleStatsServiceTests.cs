using Microsoft.Extensions.Time.Testing;
using Moderation.Core.Comments;
using Moderation.Core.Decisions;
using Moderation.Core.Rules;
using Moderation.Core.Rules.Statistics;
using Moderation.Core.Tests.Rules;
using Moderation.Core.Workflow;
using Moderation.Testing;

namespace Moderation.Core.Tests.Statistics;

/// <summary>The statistics' windows over the in-memory store, on a fake clock.</summary>
public sealed class RuleStatsServiceTests
{
    private static readonly RuleSet Rules = TestRules.Parse();
    private readonly FakeTimeProvider _time = new(TestComments.Epoch.AddMinutes(20));
    private readonly InMemoryCommentStore _store = new();

    private RuleStatsService Service => new(_store, new FixedRuleSetProvider(Rules), _time);

    private async Task SubmitAsync(string id, string text)
    {
        var now = _time.GetUtcNow();
        var decision = Rules.Evaluate(text);
        await TestWorkflow.Over(_store, _time).AddAsync(new Comment(TestComments.Submission(id, text), decision, Comment.StateFor(decision.Verdict), 1, now, now), default);
    }

    private static RuleWindowStats In(RuleStatsReport report, string rule, RuleStatsWindow window) =>
        report.Rules.Single(r => r.RuleId == rule).Windows.Single(w => w.Window == window);

    [Fact]
    public async Task Get_AFewComments_CountsMatchesDecisionsAndShares()
    {
        await SubmitAsync("c-1", "you idiot");
        await SubmitAsync("c-2", "idiot and darn");
        await SubmitAsync("c-3", "darn");
        await SubmitAsync("c-4", "A calm remark.");

        var report = await Service.GetAsync(default);

        Assert.All(report.Windows, w => Assert.Equal(4, w.Comments));
        var hold = In(report, "hold", RuleStatsWindow.Hour);
        Assert.Equal(new Dictionary<RuleAction, long> { [RuleAction.Hold] = 2 }, hold.MatchesByAction);
        Assert.Equal((2L, 0.5), (hold.Decided, hold.DecidedShare));
        var censor = In(report, "censor", RuleStatsWindow.Week);
        Assert.Equal((2L, 1L, 0.25), (censor.Matches, censor.Decided, censor.DecidedShare));
        Assert.Equal(new Dictionary<Verdict, long> { [Verdict.PendingReview] = 2 }, hold.MatchesByVerdict);
        Assert.Equal(new Dictionary<Verdict, long> { [Verdict.PendingReview] = 1, [Verdict.Approved] = 1 }, censor.MatchesByVerdict);
    }

    [Fact]
    public async Task Get_RulesAndBuiltInReasons_AreListedInForceOrderWithZerosThenOthersCounted()
    {
        var change = Core.Workflow.Transitions.CommentTransitions.Submit(TestComments.Stored("old", CommentState.PendingReview, _time.GetUtcNow()));
        await _store.TryApplyAsync(change, default);

        var report = await Service.GetAsync(default);

        Assert.Equal(["block", "hold", "censor", "watch", .. BuiltInReasons.Ids, "rule-1"], report.Rules.Select(r => r.RuleId));
        Assert.Equal(0, In(report, "block", RuleStatsWindow.Week).Matches);
        Assert.Equal(["rule-1"], report.Rules.Where(r => !r.InForce).Select(r => r.RuleId));
    }

    [Fact]
    public async Task Get_AsTheClockMoves_CommentsLeaveTheHourThenTheDayThenTheWeekWindow()
    {
        await SubmitAsync("c-1", "you idiot");

        _time.Advance(TimeSpan.FromMinutes(50));
        var sameHourNext = await Service.GetAsync(default);
        _time.Advance(TimeSpan.FromHours(1));
        var twoHoursOn = await Service.GetAsync(default);
        _time.Advance(TimeSpan.FromHours(23));
        var dayOn = await Service.GetAsync(default);
        _time.Advance(TimeSpan.FromDays(6));
        var weekOn = await Service.GetAsync(default);

        static long[] Decided(RuleStatsReport report) => report.Rules.Single(r => r.RuleId == "hold").Windows.Select(w => w.Decided).ToArray();
        Assert.Equal([1, 1, 1], Decided(sameHourNext));
        Assert.Equal([0, 1, 1], Decided(twoHoursOn));
        Assert.Equal([0, 0, 1], Decided(dayOn));
        Assert.Equal([0, 0, 0], Decided(weekOn));
        Assert.Equal(TestComments.Epoch, sameHourNext.Windows[0].Since);
    }

    [Fact]
    public async Task Get_HeldCommentApprovedByAModerator_CountsAnOverturnInTheHourOfTheDecision()
    {
        await SubmitAsync("c-1", "you idiot");
        await SubmitAsync("c-2", "idiot!");
        _time.Advance(TimeSpan.FromHours(3));
        var workflow = TestWorkflow.Over(_store, _time);
        await workflow.DecideAsync("c-1", 1, new ModeratorDecision("mod", Verdict.Approved, ReasonCode.Other, "", _time.GetUtcNow()), default);
        await workflow.DecideAsync("c-2", 1, new ModeratorDecision("mod", Verdict.Rejected, ReasonCode.Abuse, "", _time.GetUtcNow()), default);

        var report = await Service.GetAsync(default);

        var hour = In(report, "hold", RuleStatsWindow.Hour);
        Assert.Equal((0L, 2L, 1L, 0.5), (hour.Decided, hour.Reviewed, hour.Overturned, hour.OverturnRate));
        Assert.Equal((2L, 2L, 1L), (In(report, "hold", RuleStatsWindow.Day).Decided, In(report, "hold", RuleStatsWindow.Day).Reviewed, In(report, "hold", RuleStatsWindow.Day).Overturned));
    }
}
