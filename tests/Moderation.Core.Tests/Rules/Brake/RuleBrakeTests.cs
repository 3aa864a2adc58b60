using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moderation.Core.Decisions;
using Moderation.Core.Errors;
using Moderation.Core.Rules;
using Moderation.Core.Rules.Brake;

namespace Moderation.Core.Tests.Rules.Brake;

/// <summary>The emergency brake over real rule evaluations, on a fake clock.</summary>
public sealed class RuleBrakeTests
{
    private const string Yaml = """
        rules:
          - {id: slur, action: reject, terms: [slurword]}
          - {id: cards, action: reject, brake: false, terms: [cardword]}
          - {id: watch, action: reject, shadow: true, terms: [watchword]}
          - {id: spammy, action: hold, terms: [spamword]}
        """;

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly SwappableRules _rules = new(TestRules.Parse(Yaml));
    private readonly RuleBrake _brake;

    public RuleBrakeTests()
    {
        _brake = new RuleBrake(_rules, new RuleBrakeOptions(), _time, NullLogger<RuleBrake>.Instance);
    }

    [Fact]
    public void Record_BurstAfterASteadyHour_DemotesTheRuleWithTheFiguresThatTrippedIt()
    {
        // One match a minute for 20 minutes: the recent window (5 minutes) then holds 4 of
        // them, and the 16 minutes before are the baseline: 1 a minute, so the threshold is 10.
        SteadyMinutes("slurword", perMinute: 1, minutes: 20);

        Submit("slurword", times: 46);
        Assert.Null(_brake.DemotedRules);
        Submit("slurword");

        var demotion = Assert.Single(_brake.Demotions).Value;
        Assert.Equal("slur", demotion.RuleId);
        Assert.Equal(51, demotion.RecentMatches);
        Assert.Equal(TimeSpan.FromMinutes(5), demotion.RecentWindow);
        Assert.Equal(1.0, demotion.BaselinePerMinute);
        Assert.Equal(TimeSpan.FromMinutes(16), demotion.BaselineMeasured);
        Assert.Equal(10.0, demotion.ThresholdPerMinute);
        Assert.Equal(50, demotion.MinimumMatches);
        Assert.Equal(_time.GetUtcNow(), demotion.DemotedAt);
        Assert.Contains("slur", _brake.DemotedRules!);
    }

    [Fact]
    public void Evaluate_DemotedRule_IsReportedAsShadowAndApproved()
    {
        SteadyMinutes("slurword", perMinute: 1, minutes: 20);
        Submit("slurword", times: 60);

        var decision = Submit("a slurword here");

        Assert.Equal(Verdict.Approved, decision.Verdict);
        var reason = Assert.Single(decision.Reasons);
        Assert.Equal("slur", reason.RuleId);
        Assert.True(reason.Shadow);
        Assert.Equal("", decision.AuthorMessage);
    }

    [Fact]
    public void Record_SteadyBusyRuleFromStartUp_IsNeverDemoted()
    {
        // 60 a minute from the first minute: an unknown past is not a quiet one.
        SteadyMinutes("slurword", perMinute: 60, minutes: 90);

        Assert.Empty(_brake.Demotions);
    }

    [Fact]
    public void Record_BurstSoonAfterStartUp_IsJudgedOnceOneRecentWindowOfBaselineIsMeasured()
    {
        SteadyMinutes("nothing to see", perMinute: 1, minutes: 6);

        // Two quiet minutes of baseline are too few to call anything a spike...
        Submit("slurword", times: 100);
        Assert.Empty(_brake.Demotions);

        // ...five are enough, and the burst is still in the recent window.
        _time.Advance(TimeSpan.FromMinutes(3));
        Submit("slurword");
        var demotion = Assert.Single(_brake.Demotions).Value;
        Assert.Equal(101, demotion.RecentMatches);
        Assert.Equal(TimeSpan.FromMinutes(5), demotion.BaselineMeasured);
    }

    [Fact]
    public void Record_QuietRuleFiringAFewTimes_IsNotDemoted()
    {
        SteadyMinutes("nothing to see", perMinute: 1, minutes: 20);

        Submit("slurword", times: 5);

        Assert.Empty(_brake.Demotions);
    }

    [Fact]
    public void Record_RuleWithBrakeFalseOrShadow_IsNeverDemoted()
    {
        SteadyMinutes("nothing to see", perMinute: 1, minutes: 20);

        Submit("cardword watchword", times: 1_000);

        Assert.Empty(_brake.Demotions);
        Assert.Equal(Verdict.Rejected, Submit("cardword").Verdict);
    }

    [Fact]
    public void Record_RuleNewInAReload_BurstAboveTheFloorDemotesItAtOnce()
    {
        Submit("nothing to see");
        _rules.Current = TestRules.Parse(Yaml + "\n  - {id: fresh, action: reject, terms: [freshword]}");

        // No past at all: any rate is more than ten times zero, so the floor alone decides.
        Submit("freshword", times: 49);
        Assert.Empty(_brake.Demotions);
        Submit("freshword");

        var demotion = Assert.Single(_brake.Demotions).Value;
        Assert.Equal("fresh", demotion.RuleId);
        Assert.Equal(0, demotion.BaselinePerMinute);
        Assert.Equal(TimeSpan.FromMinutes(55), demotion.BaselineMeasured);
    }

    [Fact]
    public void Record_BurstSpreadOverMoreThanTheRecentWindow_IsNotASpike()
    {
        Submit("nothing to see");
        _rules.Current = TestRules.Parse(Yaml + "\n  - {id: fresh, action: reject, terms: [freshword]}");

        // 60 matches, but 6 a minute: never 50 within 5 minutes.
        SteadyMinutes("freshword", perMinute: 6, minutes: 10);

        Assert.Empty(_brake.Demotions);
    }

    [Fact]
    public void Record_ShadowReasons_AreNotCounted()
    {
        SteadyMinutes("nothing to see", perMinute: 1, minutes: 20);
        var shadow = new Decision(Verdict.Approved, [new DecisionReason("slur", "general", RuleAction.Reject, "", "", [], Shadow: true, 0)], "", false, 0, "v");

        for (int i = 0; i < 100; i++)
        {
            _brake.Record(shadow);
        }

        Assert.Empty(_brake.Demotions);
    }

    [Fact]
    public void Restore_DemotedRule_DecidesAgainAndItsCurrentRateBecomesTheBaseline()
    {
        SteadyMinutes("slurword", perMinute: 1, minutes: 20);
        Submit("slurword", times: 60);

        var lifted = _brake.Restore("slur", "admin-test");

        Assert.Equal("slur", lifted?.RuleId);
        Assert.Null(_brake.DemotedRules);
        Assert.Equal(Verdict.Rejected, Submit("slurword").Verdict);

        // The surge goes on at the rate the admin accepted: not a spike any more.
        SteadyMinutes("slurword", perMinute: 60, minutes: 30);
        Assert.Empty(_brake.Demotions);

        // Ten times that is.
        Submit("slurword", times: 3_100);
        Assert.Equal("slur", Assert.Single(_brake.Demotions).Key);
    }

    [Fact]
    public void Restore_RuleNotDemoted_ReturnsNull()
    {
        Assert.Null(_brake.Restore("slur", "admin-test"));
    }

    [Fact]
    public void Restore_UnknownRule_IsNotFound()
    {
        var error = Assert.Throws<RuleNotFoundException>(() => _brake.Restore("no-such-rule", "admin-test"));

        Assert.Equal("no-such-rule", error.RuleId);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Not A Rule Id")]
    public void Restore_MalformedId_IsAFieldViolation(string ruleId)
    {
        var error = Assert.Throws<InvalidRequestException>(() => _brake.Restore(ruleId, "admin-test"));

        Assert.Equal("rule_id", Assert.Single(error.Violations).Field);
    }

    [Fact]
    public void Reload_ChangedRule_EndsItsDemotionAndAnUnchangedOneStaysDemoted()
    {
        SteadyMinutes("slurword spamword", perMinute: 1, minutes: 20);
        Submit("slurword spamword", times: 60);
        Assert.Equal(["slur", "spammy"], _brake.Demotions.Keys.Order());

        // Another layout and a comment do not change a rule; a new term does.
        _rules.Current = TestRules.Parse("""
            # moved about
            rules:
              - {id: spammy, terms: [spamword, spamword2], action: hold}
              - id: slur
                terms: [slurword]
                action: reject
              - {id: cards, action: reject, brake: false, terms: [cardword]}
            """);

        Assert.Equal("slur", Assert.Single(_brake.Demotions).Key);
        Assert.Equal(Verdict.PendingReview, Submit("spamword").Verdict);
        Assert.Equal(Verdict.Approved, Submit("slurword").Verdict);
    }

    [Fact]
    public void Record_BrakeDisabled_NeverDemotes()
    {
        var brake = new RuleBrake(_rules, new RuleBrakeOptions { Enabled = false }, _time, NullLogger<RuleBrake>.Instance);
        var decision = TestRules.Parse(Yaml).Evaluate("slurword");
        for (int i = 0; i < 1_000; i++)
        {
            brake.Record(decision);
        }

        Assert.Null(brake.DemotedRules);
        Assert.Empty(brake.Demotions);
    }

    [Fact]
    public void Options_EveryBadValue_IsReported()
    {
        var options = new RuleBrakeOptions
        {
            RecentWindow = TimeSpan.FromSeconds(90),
            BaselineWindow = TimeSpan.FromSeconds(30),
            SpikeFactor = 1,
            MinimumMatches = 0,
        };

        var problems = options.Problems();

        Assert.Equal(5, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("RuleBrake:RecentWindow 00:01:30 ", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("RuleBrake:BaselineWindow 00:00:30 must be whole minutes", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("RuleBrake:BaselineWindow 00:00:30 must be longer than RuleBrake:RecentWindow", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("RuleBrake:SpikeFactor 1 ", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("RuleBrake:MinimumMatches 0 ", StringComparison.Ordinal));
        Assert.Throws<ArgumentException>(() => new RuleBrake(_rules, options, _time, NullLogger<RuleBrake>.Instance));
    }

    [Theory]
    [InlineData(2.0, 1)]
    [InlineData(1000.0, 1_000_000)]
    public void Options_AtTheEndsOfTheirRanges_AreValid(double factor, int minimum)
    {
        Assert.Empty(new RuleBrakeOptions().Problems());
        Assert.Empty(new RuleBrakeOptions { RecentWindow = TimeSpan.FromMinutes(1), BaselineWindow = TimeSpan.FromMinutes(2), SpikeFactor = factor, MinimumMatches = minimum }.Problems());
        Assert.Empty(new RuleBrakeOptions { RecentWindow = TimeSpan.FromHours(1), BaselineWindow = TimeSpan.FromDays(1) }.Problems());
        Assert.NotEmpty(new RuleBrakeOptions { SpikeFactor = double.NaN }.Problems());
    }

    /// <summary>Evaluates a text as a stored submission is, demotions applied, and counts it.</summary>
    private Decision Submit(string text, int times = 1)
    {
        Decision decision = null!;
        for (int i = 0; i < times; i++)
        {
            decision = _rules.Current.Evaluate(text, new EvaluationContext(_time.GetUtcNow(), DemotedRules: _brake.DemotedRules));
            _brake.Record(decision);
        }

        return decision;
    }

    /// <summary><paramref name="perMinute"/> submissions at the start of each of <paramref name="minutes"/> minutes; the clock ends at the next minute.</summary>
    private void SteadyMinutes(string text, int perMinute, int minutes)
    {
        for (int m = 0; m < minutes; m++)
        {
            Submit(text, perMinute);
            _time.Advance(TimeSpan.FromMinutes(1));
        }
    }

    private sealed class SwappableRules(RuleSet initial) : IRuleSetProvider
    {
        public RuleSet Current { get; set; } = initial;
    }
}
