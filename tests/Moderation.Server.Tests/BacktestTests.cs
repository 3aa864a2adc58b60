using Google.Protobuf;
using Grpc.Core;
using Moderation.Api.V1;
using Moderation.Server.Auth;
using Moderation.Testing;
using StackExchange.Redis;

namespace Moderation.Server.Tests;

/// <summary>
/// BacktestRules over gRPC, on each store: a candidate that adds one term reports exactly the
/// comments that contain it, and the replay stores nothing and counts against no limit.
/// </summary>
public abstract class BacktestScenario : IAsyncLifetime
{
    /// <summary>Each author may post 3 comments an hour, so a limit charged by the backtest would show.</summary>
    private const int AuthorLimit = 3;

    private readonly AnimalRules _rules = new();

    protected ModerationServerFactory Server { get; private set; } = null!;

    private CommentService.CommentServiceClient Site => new(Server.ChannelFor(Roles.Site));

    private RulesService.RulesServiceClient Admin => new(Server.ChannelFor(Roles.Admin));

    /// <summary>The store's settings, added to the rules and limits of the scenario.</summary>
    protected abstract Task<Dictionary<string, string?>> StoreSettingsAsync();

    public async Task InitializeAsync()
    {
        var settings = await StoreSettingsAsync();
        settings["Rules:Path"] = _rules.Path;
        settings["RateLimits:Limits:0:Name"] = "author";
        settings["RateLimits:Limits:0:PermitLimit"] = AuthorLimit.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["RateLimits:Limits:0:Period"] = "01:00:00";
        Server = new ModerationServerFactory(settings);
    }

    public virtual async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        _rules.Dispose();
    }

    /// <summary>
    /// Comments of a few authors, some with "zebra" (two of them held by "badger" already); returns
    /// every id, the zebra ones, and those of the zebra ones that the candidate would hold.
    /// </summary>
    protected async Task<(List<string> All, List<string> WithZebra, List<string> Changing)> SubmitWindowAsync(int count = 15)
    {
        var all = new List<string>();
        var zebra = new List<string>();
        var changing = new List<string>();
        for (int i = 0; i < count; i++)
        {
            string text = (i % 3) switch
            {
                0 => $"I saw a zebra today, number {i}",
                1 => i % 2 == 0 ? $"A badger and a zebra, number {i}" : $"A ferret, number {i}",
                _ => $"A calm remark, number {i}",
            };
            var request = Requests.Submit(text, author: $"author-{i % 5}");
            await Site.SubmitCommentAsync(request);
            all.Add(request.CommentId);
            if (text.Contains("zebra", StringComparison.Ordinal))
            {
                zebra.Add(request.CommentId);
                if (!text.Contains("badger", StringComparison.Ordinal))
                {
                    changing.Add(request.CommentId);
                }
            }
        }

        return (all, zebra, changing);
    }

    /// <summary>Everything a client can see of the stored comments, the queues and the statistics.</summary>
    protected async Task<string> ObserveAsync(IEnumerable<string> ids)
    {
        var moderation = new ModerationService.ModerationServiceClient(Server.ChannelFor(Roles.Moderator));
        var comments = new List<string>();
        foreach (string id in ids)
        {
            comments.Add(JsonFormatter.Default.Format((await Site.GetCommentAsync(new GetCommentRequest { CommentId = id })).Comment));
        }

        var queues = (await moderation.GetQueueStatsAsync(new GetQueueStatsRequest())).Queues.Select(q => $"{q.Queue}={q.Depth}");
        var stats = await Admin.GetRuleStatsAsync(new GetRuleStatsRequest());
        return string.Join("\n", [.. comments, .. queues, .. stats.Windows.Select(w => $"{w.Window}={w.Comments}"), .. stats.Rules.Select(r => JsonFormatter.Default.Format(r))]);
    }

    protected async Task<(List<BacktestProgress> Progress, BacktestSummary Summary)> BacktestAsync(BacktestRulesRequest request)
    {
        using var call = Admin.BacktestRules(request);
        var progress = new List<BacktestProgress>();
        BacktestSummary? summary = null;
        await foreach (var message in call.ResponseStream.ReadAllAsync())
        {
            Assert.Null(summary);
            if (message.ResultCase == BacktestRulesResponse.ResultOneofCase.Progress)
            {
                progress.Add(message.Progress);
            }
            else
            {
                summary = message.Summary;
            }
        }

        return (progress, Assert.IsType<BacktestSummary>(summary));
    }

    [Fact]
    public async Task BacktestRules_FileAddingOneTerm_ReportsExactlyTheCommentsThatContainIt()
    {
        var (all, zebra, changing) = await SubmitWindowAsync();

        var (progress, summary) = await BacktestAsync(new BacktestRulesRequest { Content = AnimalRules.WithZebra, SampleSize = 200 });

        Assert.Equal((15, 7, 5), (all.Count, zebra.Count, changing.Count));
        Assert.Equal([new RuleMatchChange { RuleId = "zebra", NewlyMatching = 7 }], summary.Rules);
        Assert.Equal(changing.Order(), summary.Samples.Select(s => s.CommentId).Order());
        Assert.Equal((15u, 5u, true), (summary.Scanned, summary.Changed, summary.Complete));
        Assert.Equal([new VerdictChangeCount { FromVerdict = Verdict.Approved, ToVerdict = Verdict.PendingReview, Count = 5 }], summary.Directions);
        var sample = summary.Samples.Single(s => s.CommentId == changing[0]);
        Assert.Equal(new TextSpan { Start = 8, End = 13 }, sample.ReasonsAfter.Single(r => r.RuleId == "zebra").Spans.Single());
        Assert.Equal((Verdict.Approved, Verdict.PendingReview), (sample.VerdictBefore, sample.VerdictAfter));
        Assert.Equal(new BacktestProgress { Scanned = (uint)all.Count, Changed = 5 }, Assert.Single(progress));
    }

    [Fact]
    public async Task BacktestRules_OverAStoredWindow_ChangesNothingStoredAndChargesNoLimit()
    {
        var (all, _, _) = await SubmitWindowAsync(count: 10);
        var before = await ObserveAsync(all);

        await BacktestAsync(new BacktestRulesRequest { Content = AnimalRules.WithZebra });
        await BacktestAsync(new BacktestRulesRequest { Content = AnimalRules.WithZebra, Window = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(TimeSpan.FromDays(7)) });

        Assert.Equal(before, await ObserveAsync(all));

        // author-0 posted 2 of their 3 (comments 0 and 5): the third is allowed, the fourth refused.
        await Site.SubmitCommentAsync(Requests.Submit("Third of the hour", author: "author-0"));
        var refused = await Assert.ThrowsAsync<RpcException>(() => Site.SubmitCommentAsync(Requests.Submit("Fourth of the hour", author: "author-0")).ResponseAsync);
        Assert.Equal(StatusCode.ResourceExhausted, refused.StatusCode);
    }

    [Fact]
    public async Task BacktestRules_ManyComments_StreamsProgressAfterEachBatchThenTheSummary()
    {
        var site = Site;
        var requests = Enumerable.Range(0, 250).Select(i => Requests.Submit(i % 5 == 0 ? "a zebra" : "a horse")).ToList();

        // Spread over articles, each well within its article limit.
        requests.ForEach(r => r.ArticleId = "article-" + (requests.IndexOf(r) % 10).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Task.WhenAll(requests.Select(r => site.SubmitCommentAsync(r).ResponseAsync));

        var (progress, summary) = await BacktestAsync(new BacktestRulesRequest { Content = AnimalRules.WithZebra });

        // Submitted concurrently, so which 200 are newest (read first) is up to the scheduler.
        Assert.Equal([200u, 250u], progress.Select(p => p.Scanned));
        Assert.InRange(progress[0].Changed, 0u, 50u);
        Assert.Equal(50u, progress[1].Changed);
        Assert.Equal((250u, 50u, 20), (summary.Scanned, summary.Changed, summary.Samples.Count));
    }

    [Fact]
    public async Task BacktestRules_InvalidFileAndArguments_AreInvalidArgumentWithFieldViolations()
    {
        var (badFile, fileDetails) = await Requests.FailureOf(() => BacktestAsync(new BacktestRulesRequest { Content = "rules:\n  - id: x\n    action: nuke\n    terms: [a]\n" }));
        var (badArguments, argumentDetails) = await Requests.FailureOf(() => BacktestAsync(new BacktestRulesRequest
        {
            Content = AnimalRules.WithZebra,
            Window = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(TimeSpan.FromDays(8)),
            MaxComments = 100_001,
            SampleSize = 201,
        }));

        Assert.Equal(StatusCode.InvalidArgument, badFile);
        var violation = Assert.Single(fileDetails.GetDetail<Google.Rpc.BadRequest>().FieldViolations);
        Assert.Equal("content", violation.Field);
        Assert.StartsWith("(3,13):", violation.Description, StringComparison.Ordinal);
        Assert.Equal(StatusCode.InvalidArgument, badArguments);
        Assert.Equal(["window", "max_comments", "sample_size"], argumentDetails.GetDetail<Google.Rpc.BadRequest>().FieldViolations.Select(v => v.Field));
    }
}

/// <summary>The scenario on the in-memory store.</summary>
public sealed class InMemoryBacktestTests : BacktestScenario
{
    protected override Task<Dictionary<string, string?>> StoreSettingsAsync() => Task.FromResult(new Dictionary<string, string?>());
}

/// <summary>The scenario on a redis-server of its own, where Redis itself can say that nothing was written.</summary>
public sealed class RedisBacktestTests : BacktestScenario
{
    private readonly RedisServerFixture _redis = new();

    protected override async Task<Dictionary<string, string?>> StoreSettingsAsync()
    {
        await _redis.InitializeAsync();
        return new Dictionary<string, string?>
        {
            ["Redis:Configuration"] = _redis.Configuration,
            ["Redis:KeyPrefix"] = RedisServerFixture.UniquePrefix(),
        };
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task BacktestRules_OverAStoredWindow_MakesRedisWriteNothing()
    {
        await SubmitWindowAsync();
        await using var admin = await ConnectionMultiplexer.ConnectAsync(_redis.Configuration + ",allowAdmin=true");
        var server = admin.GetServer(admin.GetEndPoints()[0]);

        long before = await ChangesSinceSaveAsync(server);
        await BacktestAsync(new BacktestRulesRequest { Content = AnimalRules.WithZebra });

        // Redis counts every write command (a script's writes included) since the last save.
        Assert.Equal(before, await ChangesSinceSaveAsync(server));
    }

    private static async Task<long> ChangesSinceSaveAsync(IServer server)
    {
        var persistence = (await server.InfoAsync("persistence")).SelectMany(group => group);
        return long.Parse(persistence.Single(p => p.Key == "rdb_changes_since_last_save").Value, System.Globalization.CultureInfo.InvariantCulture);
    }
}
