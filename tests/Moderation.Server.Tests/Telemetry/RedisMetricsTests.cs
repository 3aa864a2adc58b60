using System.Diagnostics.Metrics;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Moderation.Api.V1;
using Moderation.Core.Rules;
using Moderation.Core.Telemetry;
using Moderation.Redis.Telemetry;
using Moderation.Server.Auth;
using Moderation.Server.Tests.ModeratorConsole;
using Moderation.Testing;

namespace Moderation.Server.Tests.Telemetry;

/// <summary>The console's listener over a service that keeps its comments in a redis-server of its own.</summary>
public sealed class RedisConsoleServer : IAsyncLifetime
{
    public RedisServerFixture Redis { get; } = new();

    public ConsoleServer Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Redis.InitializeAsync();
        Server = new ConsoleServer(new Dictionary<string, string?>
        {
            ["Redis:Configuration"] = Redis.Configuration,
            ["Redis:KeyPrefix"] = RedisServerFixture.UniquePrefix(),
        });
        await Server.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }

        await Redis.DisposeAsync();
    }
}

/// <summary>
/// Redis calls at /metrics: how long each took and how it ended, by operation, and (the
/// histogram's count) how many a submission makes. The count is what a load run divides by its
/// submissions, so each call of a submission must be recorded exactly once.
/// </summary>
public sealed class RedisMetricsTests(RedisConsoleServer fixture) : IClassFixture<RedisConsoleServer>
{
    private const int Comments = 12;

    /// <summary>
    /// What one new comment costs Redis, read from CommentSubmissionService.SubmitFirstAsync:
    /// the comment id, the author and the article read together (three calls, pipelined into one
    /// round trip), then one script that charges the limits and stores the comment. A rule that
    /// asks for text history would add one call (text_history.record); the shipped rules have none.
    /// </summary>
    private static readonly Dictionary<string, int> NewCommentCalls = new(StringComparer.Ordinal)
    {
        ["comment.get"] = 1,
        ["author.get"] = 1,
        ["article.get"] = 1,
        ["comment.add_charged"] = 1,
    };

    /// <summary>A retry of a stored comment: the same pipelined reads, answered from the stored comment, no script.</summary>
    private static readonly Dictionary<string, int> ReplayCalls = new(StringComparer.Ordinal)
    {
        ["comment.get"] = 1,
        ["author.get"] = 1,
        ["article.get"] = 1,
    };

    private ConsoleServer Server => fixture.Server;

    [Fact]
    public async Task Metrics_RedisStore_ExposeCallDurationsByOperationAndOutcome()
    {
        var comments = new CommentService.CommentServiceClient(Server.ChannelFor(Roles.Site));
        await comments.SubmitCommentAsync(Requests.Submit("A comment kept in Redis."));

        using var client = Server.NewBrowserlikeClient();
        string metrics = await EventuallyAsync(client, text => text.Contains("operation=\"comment.add_charged\"", StringComparison.Ordinal));

        Assert.Contains("# TYPE moderation_redis_call_duration_seconds histogram", metrics, StringComparison.Ordinal);
        Assert.Matches(@"moderation_redis_call_duration_seconds_bucket\{[^}]*operation=""comment\.add_charged""[^}]*outcome=""ok""[^}]*le=""0\.001""", metrics);
        Assert.Matches(@"moderation_redis_call_duration_seconds_count\{[^}]*operation=""author\.get""[^}]*outcome=""ok""", metrics);
        Assert.Matches(@"(?m)^moderation_ratelimit_degraded(\{[^}]*\})? 0( \d+)?$", metrics);
    }

    [Fact]
    public async Task SubmitComment_RedisStore_RecordsEachRedisCallOnce()
    {
        Assert.Empty(Server.Services.GetRequiredService<IRuleSetProvider>().Current.HistoryWindows);
        var comments = new CommentService.CommentServiceClient(Server.ChannelFor(Roles.Site));
        var submissions = Enumerable.Range(0, Comments).Select(i => Requests.Submit($"A clean comment, number {i}.")).ToList();
        using var calls = new InstrumentRecorder(Server.Services.GetRequiredService<IMeterFactory>(), ModerationMetrics.MeterName, RedisCallMetrics.DurationName);

        foreach (var submission in submissions)
        {
            Assert.False((await comments.SubmitCommentAsync(submission)).Replayed);
        }

        var newComments = await CountsOnceAsync(calls, Comments * NewCommentCalls.Values.Sum());
        calls.Clear();
        foreach (var submission in submissions)
        {
            Assert.True((await comments.SubmitCommentAsync(submission)).Replayed);
        }

        var replays = await CountsOnceAsync(calls, Comments * ReplayCalls.Values.Sum());

        Assert.Equal(NewCommentCalls.ToDictionary(c => c.Key, c => c.Value * Comments), newComments);
        Assert.Equal(ReplayCalls.ToDictionary(c => c.Key, c => c.Value * Comments), replays);
    }

    /// <summary>
    /// The calls recorded, by operation, once <paramref name="expected"/> of them are in. A replay
    /// answers before its author and article reads end, so their records may trail the reply.
    /// The background reads (the queue gauges' queue.stats every 5 s, the brake's demotions.read
    /// every 2 s) are not a submission's and are left out.
    /// </summary>
    private static async Task<Dictionary<string, int>> CountsOnceAsync(InstrumentRecorder calls, int expected)
    {
        static IEnumerable<RecordedMeasurement> Submissions(IEnumerable<RecordedMeasurement> all) => all.Where(m => m.Tag("operation") is not ("queue.stats" or "demotions.read"));
        var recorded = await calls.WaitForAsync(all => Submissions(all).Count() >= expected, TimeSpan.FromSeconds(10));
        Assert.All(Submissions(recorded), m => Assert.Equal("ok", m.Tag("outcome")));
        return Submissions(recorded).GroupBy(m => m.Tag("operation")!).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
    }

    private static async Task<string> EventuallyAsync(HttpClient client, Func<string, bool> ready)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            string text = await client.GetStringAsync(new Uri("/metrics", UriKind.Relative));
            if (ready(text) || DateTime.UtcNow > until)
            {
                return text;
            }

            await Task.Delay(200);
        }
    }
}
