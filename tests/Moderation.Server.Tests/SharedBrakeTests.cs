using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Moderation.Api.V1;
using Moderation.Server.Auth;

namespace Moderation.Server.Tests;

/// <summary>
/// The emergency brake behind a load balancer: two instances on one Redis, each on a fake clock
/// of its own. A rule one instance demotes is demoted on the other, and an admin's restore on
/// either restores it on both.
/// </summary>
public sealed class SharedBrakeTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("moderation-shared-brake-");
    private readonly FakeTimeProvider _firstClock = new(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly FakeTimeProvider _secondClock = new(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private TwoInstances _instances = null!;

    public async Task InitializeAsync()
    {
        string path = Path.Combine(_directory.FullName, "rules.yaml");
        await File.WriteAllTextAsync(path, "rules:\n  - {id: scam, action: reject, terms: [scamword]}\n");
        _instances = await TwoInstances.StartAsync(
            new Dictionary<string, string?> { ["Rules:Path"] = path, ["RuleBrake:MinimumMatches"] = "5" },
            first: services => services.AddSingleton<TimeProvider>(_firstClock),
            second: services => services.AddSingleton<TimeProvider>(_secondClock));

        // Both hosts start (and their brakes start watching) with their first channel; ten quiet
        // minutes then give the rule a measured baseline of zero on each.
        _ = Rules(_instances.First);
        _ = Rules(_instances.Second);
        Advance(TimeSpan.FromMinutes(10));
    }

    public async Task DisposeAsync()
    {
        await _instances.DisposeAsync();
        _directory.Delete(recursive: true);
    }

    [Fact]
    public async Task Brake_RuleDemotedOnOneInstance_IsDemotedOnTheOtherAndARestoreOnEitherEndsItOnBoth()
    {
        for (int i = 0; i < 5; i++)
        {
            await Submit(_instances.First, $"scamword offer {i}");
        }

        await EventuallyAsync(async () => await DemotedAsync(_instances.Second), "the second instance never adopted the demotion");
        var onSecond = await Submit(_instances.Second, "scamword on the other instance");
        Assert.Equal(Verdict.Approved, onSecond.Decision.Verdict);
        Assert.True(Assert.Single(onSecond.Decision.Reasons).Shadow);

        var restored = await Rules(_instances.Second).RestoreRuleAsync(new RestoreRuleRequest { RuleId = "scam" });

        Assert.True(restored.Restored);
        Assert.Equal(5u, restored.Demotion.RecentMatches);
        await EventuallyAsync(async () => !await DemotedAsync(_instances.First), "the first instance kept the demotion an admin restored on the second");
        Assert.Equal(Verdict.Rejected, (await Submit(_instances.First, "scamword after the restore")).Decision.Verdict);

        // Restored everywhere, and it stays so: the first instance does not share its old demotion again.
        Advance(TimeSpan.FromSeconds(10));
        Assert.False(await DemotedAsync(_instances.Second));
    }

    private static RulesService.RulesServiceClient Rules(ModerationServerFactory instance) => new(instance.ChannelFor(Roles.Admin));

    private static async Task<bool> DemotedAsync(ModerationServerFactory instance) =>
        (await Rules(instance).GetRulesAsync(new GetRulesRequest())).Rules.Single(r => r.Id == "scam").Demoted is not null;

    private static async Task<SubmitCommentResponse> Submit(ModerationServerFactory instance, string text)
    {
        var request = Requests.Submit(text);
        request.ArticleId = Requests.NewId("article");
        return await new CommentService.CommentServiceClient(instance.ChannelFor(Roles.Site)).SubmitCommentAsync(request);
    }

    /// <summary>Both clocks on by <paramref name="by"/>, two seconds at a time, so each instance's comparison runs at every step.</summary>
    private void Advance(TimeSpan by)
    {
        for (var step = TimeSpan.Zero; step < by; step += TimeSpan.FromSeconds(2))
        {
            _firstClock.Advance(TimeSpan.FromSeconds(2));
            _secondClock.Advance(TimeSpan.FromSeconds(2));
        }
    }

    /// <summary>Polls <paramref name="condition"/>, moving both clocks past a comparison each time, until a real-time deadline.</summary>
    private async Task EventuallyAsync(Func<Task<bool>> condition, string failure)
    {
        var until = DateTime.UtcNow + Deadline;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < until, failure);
            Advance(RuleDemotionSharingEvery);
            await Task.Delay(50);
        }
    }

    private static readonly TimeSpan RuleDemotionSharingEvery = Moderation.Core.Rules.Brake.RuleDemotionSharing.Every;
}
