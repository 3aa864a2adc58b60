using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Moderation.Api.V1;
using Moderation.Server.Auth;
using Moderation.Testing;

namespace Moderation.Server.Tests;

/// <summary>
/// Rule statistics over gRPC: two instances on one Redis count into the same hour buckets, so
/// either answers for both; moderators' first decisions count as reviews and overturns.
/// </summary>
public sealed class RuleStatsTests : IAsyncLifetime
{
    private readonly AnimalRules _rules = new();
    private TwoInstances _instances = null!;

    public async Task InitializeAsync()
    {
        _instances = await TwoInstances.StartAsync(new Dictionary<string, string?> { ["Rules:Path"] = _rules.Path });
    }

    public async Task DisposeAsync()
    {
        await _instances.DisposeAsync();
        _rules.Dispose();
    }

    internal static RuleWindowStats In(GetRuleStatsResponse stats, string rule, StatsWindow window) =>
        stats.Rules.Single(r => r.RuleId == rule).Windows.Single(w => w.Window == window);

    [Fact]
    public async Task GetRuleStats_SubmissionsSpreadOverTwoInstances_AgreeWithTheSubmissionsOnBoth()
    {
        var sites = new[] { _instances.First, _instances.Second }.Select(f => new CommentService.CommentServiceClient(f.ChannelFor(Roles.Site))).ToArray();
        var texts = Enumerable.Range(0, 24).Select(i => (i % 3) switch
        {
            0 => $"A badger in the garden, number {i}",
            1 => i % 2 == 0 ? $"A quagga, number {i}" : $"A stoat and a ferret, number {i}",
            _ => $"A calm remark, number {i}",
        }).ToList();
        var requests = texts.Select(t => Requests.Submit(t)).ToList();
        await Task.WhenAll(requests.Select((r, i) => sites[i % 2].SubmitCommentAsync(r).ResponseAsync));

        // Retries of stored comments are answered from the store and counted nowhere.
        await Task.WhenAll(requests.Take(5).Select((r, i) => sites[(i + 1) % 2].SubmitCommentAsync(r).ResponseAsync));

        foreach (var instance in new[] { _instances.First, _instances.Second })
        {
            var stats = await new RulesService.RulesServiceClient(instance.ChannelFor(Roles.Moderator)).GetRuleStatsAsync(new GetRuleStatsRequest());

            Assert.All(stats.Windows, w => Assert.Equal(24UL, w.Comments));
            var badger = In(stats, "badger", StatsWindow.Hour);
            Assert.Equal((8UL, 8UL, 8.0 / 24), (badger.Matches, badger.Decided, badger.DecidedShare));
            Assert.Equal([new ActionCount { Action = RuleAction.Hold, Count = 8 }], badger.MatchesByAction);
            Assert.Equal([new VerdictCount { Verdict = Verdict.PendingReview, Count = 8 }], badger.MatchesByVerdict);
            Assert.Equal([new VerdictCount { Verdict = Verdict.Approved, Count = 4 }], In(stats, "stoat", StatsWindow.Week).MatchesByVerdict);
            Assert.Equal((4UL, 4UL), (In(stats, "quagga", StatsWindow.Day).Matches, In(stats, "quagga", StatsWindow.Day).Decided));
            Assert.Equal((4UL, 4UL), (In(stats, "ferret", StatsWindow.Week).Matches, In(stats, "ferret", StatsWindow.Week).Decided));
            Assert.Equal((4UL, 4UL, 0UL), (In(stats, "stoat", StatsWindow.Week).Matches, In(stats, "stoat", StatsWindow.Week).ShadowMatches, In(stats, "stoat", StatsWindow.Week).Decided));
        }
    }

    [Fact]
    public async Task GetRuleStats_ModeratorsOnTheOtherInstanceApproveAndRejectHeldComments_CountReviewsAndOverturns()
    {
        var site = new CommentService.CommentServiceClient(_instances.First.ChannelFor(Roles.Site));
        var held = new List<string>();
        for (int i = 0; i < 3; i++)
        {
            var request = Requests.Submit($"That badger again, {i}");
            await site.SubmitCommentAsync(request);
            held.Add(request.CommentId);
        }

        var flagged = Requests.Submit("A ferret, published and flagged");
        await site.SubmitCommentAsync(flagged);
        var moderation = new ModerationService.ModerationServiceClient(_instances.Second.ChannelFor(Roles.Moderator));
        async Task DecideAsync(string commentId, Verdict verdict, long version = 1) =>
            await moderation.DecideCommentAsync(new DecideCommentRequest { CommentId = commentId, Verdict = verdict, ReasonCode = ReasonCode.Other, ExpectedVersion = version });
        await DecideAsync(held[0], Verdict.Approved);
        await DecideAsync(held[1], Verdict.Rejected);
        await DecideAsync(flagged.CommentId, Verdict.Rejected);

        // A second decision on a comment is a moderator revisiting a moderator, not a review of the rule.
        await DecideAsync(held[0], Verdict.Rejected, version: 2);

        var stats = await new RulesService.RulesServiceClient(_instances.First.ChannelFor(Roles.Admin)).GetRuleStatsAsync(new GetRuleStatsRequest());
        var badger = In(stats, "badger", StatsWindow.Hour);
        Assert.Equal((3UL, 2UL, 1UL, 0.5), (badger.Decided, badger.Reviewed, badger.Overturned, badger.OverturnRate));
        var ferret = In(stats, "ferret", StatsWindow.Hour);
        Assert.Equal((1UL, 1UL, 1.0), (ferret.Reviewed, ferret.Overturned, ferret.OverturnRate));
    }

    [Fact]
    public async Task GetRuleStats_SiteCaller_IsDenied()
    {
        var rules = new RulesService.RulesServiceClient(_instances.First.ChannelFor(Roles.Site));

        var error = await Assert.ThrowsAsync<RpcException>(() => rules.GetRuleStatsAsync(new GetRuleStatsRequest()).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
    }
}

/// <summary>The statistics' windows over gRPC, on the in-memory store and a fake clock.</summary>
public sealed class RuleStatsWindowTests : IDisposable
{
    private readonly AnimalRules _rules = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 12, 20, 0, TimeSpan.Zero));
    private readonly ModerationServerFactory _server;

    public RuleStatsWindowTests() =>
        _server = new ModerationServerFactory(new Dictionary<string, string?> { ["Rules:Path"] = _rules.Path }, replaceServices: s => s.AddSingleton<TimeProvider>(_time));

    public void Dispose()
    {
        _server.Dispose();
        _rules.Dispose();
    }

    [Fact]
    public async Task GetRuleStats_AsTheClockMoves_SubmissionsLeaveTheHourThenTheDayThenTheWeek()
    {
        var site = new CommentService.CommentServiceClient(_server.ChannelFor(Roles.Site));
        var rules = new RulesService.RulesServiceClient(_server.ChannelFor(Roles.Moderator));
        await site.SubmitCommentAsync(Requests.Submit("A badger"));
        await site.SubmitCommentAsync(Requests.Submit("Nothing to see"));

        var decided = new List<ulong[]>();
        foreach (var step in new[] { TimeSpan.Zero, TimeSpan.FromMinutes(50), TimeSpan.FromHours(1), TimeSpan.FromHours(23), TimeSpan.FromDays(6) })
        {
            _time.Advance(step);
            var stats = await rules.GetRuleStatsAsync(new GetRuleStatsRequest());
            decided.Add(stats.Rules.Single(r => r.RuleId == "badger").Windows.Select(w => w.Decided).ToArray());
            if (step == TimeSpan.Zero)
            {
                Assert.Equal([2UL, 2UL, 2UL], stats.Windows.Select(w => w.Comments));
                Assert.Equal(new DateTimeOffset(2026, 11, 24, 11, 0, 0, TimeSpan.Zero), stats.Windows[0].Since.ToDateTimeOffset());
                Assert.Equal(0.5, stats.Rules.Single(r => r.RuleId == "badger").Windows[0].DecidedShare);
            }
        }

        Assert.Equal([[1, 1, 1], [1, 1, 1], [0, 1, 1], [0, 0, 1], [0, 0, 0]], decided);
    }
}
