using System.Diagnostics.Metrics;
using Grpc.Core;
using Grpc.Health.V1;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Moderation.Api.V1;
using Moderation.Core.Rules;
using Moderation.Server.Auth;
using GrpcHealth = Grpc.Health.V1.Health;

namespace Moderation.Server.Tests;

/// <summary>
/// The emergency brake end to end over gRPC, on the in-memory store and a fake clock: a burst
/// demotes a rule, GetRules and health show it, RestoreRule and a reload end it.
/// </summary>
public sealed class RuleBrakeTests : IAsyncLifetime
{
    private const string Rules = """
        rules:
          - {id: scam, action: reject, terms: [scamword]}
          - {id: cards, action: reject, brake: false, terms: [cardword]}
          - {id: insult, action: hold, terms: [insultword]}
        """;

    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("moderation-brake-");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private ModerationServerFactory _factory = null!;
    private CommentService.CommentServiceClient _comments = null!;
    private RulesService.RulesServiceClient _rules = null!;

    private string RulesPath => Path.Combine(_directory.FullName, "rules.yaml");

    public Task InitializeAsync()
    {
        File.WriteAllText(RulesPath, Rules);
        _factory = new ModerationServerFactory(
            new Dictionary<string, string?>
            {
                ["Rules:Path"] = RulesPath,
                ["RuleBrake:MinimumMatches"] = "5",
            },
            replaceServices: services => services.AddSingleton<TimeProvider>(_time));
        _comments = new CommentService.CommentServiceClient(_factory.ChannelFor(Roles.Site));
        _rules = new RulesService.RulesServiceClient(_factory.ChannelFor(Roles.Admin));

        // The host starts (and the brake starts watching) with the first channel; ten quiet
        // minutes then give every rule a measured baseline of zero.
        _time.Advance(TimeSpan.FromMinutes(10));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        _directory.Delete(recursive: true);
    }

    [Fact]
    public async Task SubmitComment_BurstMatchingOneRule_DemotesItAndTheNextIsApprovedWithTheRuleAsShadow()
    {
        for (int i = 0; i < 5; i++)
        {
            Assert.Equal(Verdict.Rejected, (await Submit($"scamword offer {i}")).Decision.Verdict);
        }

        var next = await Submit("scamword again");

        Assert.Equal(Verdict.Approved, next.Decision.Verdict);
        var reason = Assert.Single(next.Decision.Reasons);
        Assert.Equal("scam", reason.RuleId);
        Assert.True(reason.Shadow);
        Assert.Equal("", next.Decision.AuthorMessage);
        Assert.Contains(_factory.Logs.Lines, l => l.Contains("[2005]", StringComparison.Ordinal) && l.Contains("Rule scam demoted", StringComparison.Ordinal));

        // TestComment shows what the service would do now.
        var tested = (await _rules.TestCommentAsync(new TestCommentRequest { Text = "scamword" })).Decision;
        Assert.Equal(Verdict.Approved, tested.Verdict);
        Assert.True(Assert.Single(tested.Reasons).Shadow);
    }

    [Fact]
    public async Task GetRules_DemotedRule_ShowsTheFiguresThatTrippedIt()
    {
        for (int i = 0; i < 5; i++)
        {
            await Submit($"scamword offer {i}");
        }

        var rules = await _rules.GetRulesAsync(new GetRulesRequest());

        Assert.True(rules.BrakeEnabled);
        var demoted = rules.Rules.Single(r => r.Id == "scam").Demoted;
        Assert.NotNull(demoted);
        Assert.Equal(Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(_time.GetUtcNow()), demoted.DemotedAt);
        Assert.Equal(5u, demoted.RecentMatches);
        Assert.Equal(TimeSpan.FromMinutes(5), demoted.RecentWindow.ToTimeSpan());
        Assert.Equal(1.0, demoted.RecentPerMinute);
        Assert.Equal(0.0, demoted.BaselinePerMinute);
        Assert.Equal(TimeSpan.FromMinutes(6), demoted.BaselineMeasured.ToTimeSpan());
        Assert.Equal(0.0, demoted.ThresholdPerMinute);
        Assert.Equal(10.0, demoted.SpikeFactor);
        Assert.Equal(5u, demoted.MinimumMatches);
        Assert.Null(rules.Rules.Single(r => r.Id == "insult").Demoted);
        Assert.True(rules.Rules.Single(r => r.Id == "scam").WatchedByBrake);
        Assert.False(rules.Rules.Single(r => r.Id == "cards").WatchedByBrake);
    }

    [Fact]
    public async Task RestoreRule_DemotedRule_TheNextMatchingCommentIsRejectedAgain()
    {
        for (int i = 0; i < 5; i++)
        {
            await Submit($"scamword offer {i}");
        }

        var restored = await _rules.RestoreRuleAsync(new RestoreRuleRequest { RuleId = "scam" });

        Assert.True(restored.Restored);
        Assert.Equal(5u, restored.Demotion.RecentMatches);
        Assert.Equal(Verdict.Rejected, (await Submit("scamword after the restore")).Decision.Verdict);
        Assert.Null((await _rules.GetRulesAsync(new GetRulesRequest())).Rules.Single(r => r.Id == "scam").Demoted);
        Assert.Contains(_factory.Logs.Lines, l => l.Contains("[2006]", StringComparison.Ordinal) && l.Contains("restored by admin-test", StringComparison.Ordinal));
        Assert.False((await _rules.RestoreRuleAsync(new RestoreRuleRequest { RuleId = "scam" })).Restored);
    }

    [Fact]
    public async Task SubmitComment_BurstMatchingABrakeFalseRule_IsNeverDemoted()
    {
        for (int i = 0; i < 20; i++)
        {
            Assert.Equal(Verdict.Rejected, (await Submit($"cardword {i}")).Decision.Verdict);
        }

        Assert.All((await _rules.GetRulesAsync(new GetRulesRequest())).Rules, rule => Assert.Null(rule.Demoted));
    }

    [Fact]
    public async Task SubmitComment_QuietRuleFiringAFewTimes_IsNotDemoted()
    {
        for (int i = 0; i < 4; i++)
        {
            await Submit($"insultword {i}");
            _time.Advance(TimeSpan.FromMinutes(2));
        }

        Assert.Equal(Verdict.PendingReview, (await Submit("insultword once more")).Decision.Verdict);
        Assert.All((await _rules.GetRulesAsync(new GetRulesRequest())).Rules, rule => Assert.Null(rule.Demoted));
    }

    [Fact]
    public async Task EditComment_TextMatchingARule_CountsAsANewCommentDoes()
    {
        for (int i = 0; i < 4; i++)
        {
            await Submit($"scamword offer {i}");
        }

        var request = Requests.Submit("A clean first draft.");
        await _comments.SubmitCommentAsync(request);
        var edited = await _comments.EditCommentAsync(new EditCommentRequest { CommentId = request.CommentId, AuthorId = request.Author.Id, Text = "scamword after all", ExpectedVersion = 1 });

        Assert.Equal(Verdict.Rejected, edited.Decision.Verdict);
        Assert.NotNull((await _rules.GetRulesAsync(new GetRulesRequest())).Rules.Single(r => r.Id == "scam").Demoted);
    }

    [Fact]
    public async Task TestComment_Burst_CountsNothingTowardTheBrake()
    {
        for (int i = 0; i < 20; i++)
        {
            await _rules.TestCommentAsync(new TestCommentRequest { Text = "scamword" });
        }

        Assert.Equal(Verdict.Rejected, (await Submit("scamword for real")).Decision.Verdict);
        Assert.Null((await _rules.GetRulesAsync(new GetRulesRequest())).Rules.Single(r => r.Id == "scam").Demoted);
    }

    [Fact]
    public async Task Reload_ChangedRule_EndsItsDemotionAndAnUnchangedRuleStaysDemoted()
    {
        for (int i = 0; i < 5; i++)
        {
            await Submit($"scamword insultword {i}");
        }

        Assert.Equal(Verdict.Approved, (await Submit("insultword")).Decision.Verdict);

        File.WriteAllText(RulesPath, Rules.Replace("terms: [insultword]", "terms: [insultword, otherinsult]", StringComparison.Ordinal));
        Assert.Empty(((FileRuleSetProvider)_factory.Services.GetRequiredService<IRuleSetProvider>()).Reload());

        var rules = (await _rules.GetRulesAsync(new GetRulesRequest())).Rules;
        Assert.NotNull(rules.Single(r => r.Id == "scam").Demoted);
        Assert.Null(rules.Single(r => r.Id == "insult").Demoted);
        Assert.Equal(Verdict.PendingReview, (await Submit("insultword")).Decision.Verdict);
        Assert.Equal(Verdict.Approved, (await Submit("scamword")).Decision.Verdict);
        Assert.Contains(_factory.Logs.Lines, l => l.Contains("[2007]", StringComparison.Ordinal) && l.Contains("insult", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Health_RuleDemoted_BrakeServiceIsNotServingAndTheOverallStatusStaysServing()
    {
        var health = new GrpcHealth.HealthClient(_factory.ChannelWithToken(null));
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, (await health.CheckAsync(new HealthCheckRequest { Service = "moderation.v1.RuleBrake" })).Status);
        for (int i = 0; i < 5; i++)
        {
            await Submit($"scamword offer {i}");
        }

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, (await health.CheckAsync(new HealthCheckRequest())).Status);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.NotServing, (await health.CheckAsync(new HealthCheckRequest { Service = "moderation.v1.RuleBrake" })).Status);
        var report = await _factory.Services.GetRequiredService<Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckService>().CheckHealthAsync(c => c.Name == "rule-brake");
        var entry = report.Entries["rule-brake"];
        Assert.Equal(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Unhealthy, entry.Status);
        Assert.Contains("scam at ", entry.Description, StringComparison.Ordinal);
        Assert.Contains("5 matches in 00:05:00", entry.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_RuleDemotedThenRestored_CountTheDemotionAndGaugeOnlyWhileDemoted()
    {
        // Only this host's meter: other tests' hosts publish the same instrument names.
        var meterFactory = _factory.Services.GetRequiredService<IMeterFactory>();
        var demotions = new List<string>();
        var demoted = new List<string>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Scope == meterFactory && instrument.Name is "moderation.rules.demotions" or "moderation.rules.demoted")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            string rule = $"{instrument.Name} {tags.ToArray().Single(t => t.Key == "rule").Value}={value}";
            lock (demotions)
            {
                (instrument.Name == "moderation.rules.demotions" ? demotions : demoted).Add(rule);
            }
        });
        listener.Start();

        for (int i = 0; i < 5; i++)
        {
            await Submit($"scamword offer {i}");
        }

        listener.RecordObservableInstruments();
        await _rules.RestoreRuleAsync(new RestoreRuleRequest { RuleId = "scam" });
        listener.RecordObservableInstruments();

        Assert.Equal(["moderation.rules.demotions scam=1"], demotions);
        Assert.Equal(["moderation.rules.demoted scam=1"], demoted);
    }

    [Fact]
    public async Task RestoreRule_UnknownRule_IsNotFoundWithTheResource()
    {
        var (code, details) = await Requests.FailureOf(() => _rules.RestoreRuleAsync(new RestoreRuleRequest { RuleId = "no-such-rule" }).ResponseAsync);

        Assert.Equal(StatusCode.NotFound, code);
        var resource = details.GetDetail<Google.Rpc.ResourceInfo>()!;
        Assert.Equal("rule", resource.ResourceType);
        Assert.Equal("no-such-rule", resource.ResourceName);
    }

    [Fact]
    public async Task RestoreRule_NoRuleId_IsInvalidArgumentWithAFieldViolation()
    {
        var (code, details) = await Requests.FailureOf(() => _rules.RestoreRuleAsync(new RestoreRuleRequest()).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, code);
        Assert.Equal("rule_id", Assert.Single(details.GetDetail<Google.Rpc.BadRequest>()!.FieldViolations).Field);
    }

    [Fact]
    public void Start_InvalidBrakeSettings_NamesEveryProblem()
    {
        using var factory = new ModerationServerFactory(new Dictionary<string, string?>
        {
            ["RuleBrake:RecentWindow"] = "00:00:30",
            ["RuleBrake:BaselineWindow"] = "00:00:20",
            ["RuleBrake:SpikeFactor"] = "1.5",
            ["RuleBrake:MinimumMatches"] = "0",
        });

        string error = Assert.ThrowsAny<Exception>(() => factory.Server).ToString();

        Assert.Contains("RuleBrake:RecentWindow 00:00:30", error, StringComparison.Ordinal);
        Assert.Contains("RuleBrake:BaselineWindow 00:00:20 must be whole minutes", error, StringComparison.Ordinal);
        Assert.Contains("must be longer than RuleBrake:RecentWindow", error, StringComparison.Ordinal);
        Assert.Contains("RuleBrake:SpikeFactor 1.5", error, StringComparison.Ordinal);
        Assert.Contains("RuleBrake:MinimumMatches 0", error, StringComparison.Ordinal);
    }

    private async Task<SubmitCommentResponse> Submit(string text)
    {
        var request = Requests.Submit(text);
        request.ArticleId = Requests.NewId("article");
        return await _comments.SubmitCommentAsync(request);
    }
}
