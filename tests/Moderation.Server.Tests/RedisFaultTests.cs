using Grpc.Core;
using Moderation.Api.V1;
using Moderation.Server.Auth;
using Moderation.Testing;
using StackExchange.Redis;

namespace Moderation.Server.Tests;

/// <summary>
/// Redis refusing service without losing its connection, on a Redis of the test's own: every
/// call answers a defined status, and the service recovers alone once Redis serves again.
/// </summary>
public sealed class RedisFaultTests : IAsyncLifetime
{
    private readonly RedisServerFixture _redis = new();
    private ModerationServerFactory _server = null!;
    private ConnectionMultiplexer _admin = null!;

    public async Task InitializeAsync()
    {
        await _redis.InitializeAsync();
        _admin = await ConnectionMultiplexer.ConnectAsync(_redis.Configuration + ",allowAdmin=true");
        _server = new ModerationServerFactory(new Dictionary<string, string?>
        {
            ["Redis:Configuration"] = _redis.Configuration,
            ["Redis:KeyPrefix"] = RedisServerFixture.UniquePrefix(),
        });
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _admin.DisposeAsync();
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task Calls_RedisTurnedIntoAReadOnlyReplica_AnswerUnavailableAndRecoverAlone()
    {
        var comments = new CommentService.CommentServiceClient(_server.ChannelFor(Roles.Site));
        var stored = Requests.Submit("Stored before the failover.");
        await comments.SubmitCommentAsync(stored);
        var server = _admin.GetServer(_admin.GetEndPoints()[0]);

        // A replica of a primary that is not there: reads are served, writes answer READONLY.
        await server.ExecuteAsync("REPLICAOF", "127.0.0.1", RedisServerProcess.FreeLoopbackPort().ToString(System.Globalization.CultureInfo.InvariantCulture));
        StatusCode during;
        try
        {
            during = (await Requests.FailureOf(() => comments.SubmitCommentAsync(Requests.Submit("Sent during the failover.")).ResponseAsync)).Code;
        }
        finally
        {
            await server.ExecuteAsync("REPLICAOF", "NO", "ONE");
        }

        var after = await PollAsync(() => comments.SubmitCommentAsync(Requests.Submit("Sent after the failover.")).ResponseAsync);

        Assert.Equal(StatusCode.Unavailable, during);
        Assert.Equal(Verdict.Approved, after.Decision.Verdict);
        Assert.Equal(stored.Text, (await comments.GetCommentAsync(new GetCommentRequest { CommentId = stored.CommentId })).Comment.Text);
    }

    [Fact]
    public async Task Calls_RedisFullUnderNoEviction_AnswerUnavailableAndRecoverAlone()
    {
        var comments = new CommentService.CommentServiceClient(_server.ChannelFor(Roles.Site));
        await comments.SubmitCommentAsync(Requests.Submit("Stored before Redis filled up."));
        var server = _admin.GetServer(_admin.GetEndPoints()[0]);

        // A limit below what Redis already holds: every write answers OOM, reads are served.
        await server.ExecuteAsync("CONFIG", "SET", "maxmemory-policy", "noeviction");
        await server.ExecuteAsync("CONFIG", "SET", "maxmemory", "1");
        StatusCode during;
        try
        {
            during = (await Requests.FailureOf(() => comments.SubmitCommentAsync(Requests.Submit("Sent while Redis is full.")).ResponseAsync)).Code;
        }
        finally
        {
            await server.ExecuteAsync("CONFIG", "SET", "maxmemory", "0");
        }

        var after = await PollAsync(() => comments.SubmitCommentAsync(Requests.Submit("Sent after Redis had room again.")).ResponseAsync);

        Assert.Equal(StatusCode.Unavailable, during);
        Assert.Equal(Verdict.Approved, after.Decision.Verdict);
    }

    [Fact]
    public async Task Calls_RedisPaused_AnswerUnavailableWithinTheCallersDeadlineAndRecoverAlone()
    {
        var comments = new CommentService.CommentServiceClient(_server.ChannelFor(Roles.Site));
        var health = new Grpc.Health.V1.Health.HealthClient(_server.ChannelWithToken(null));
        await comments.SubmitCommentAsync(Requests.Submit("Before the stall."));

        await _redis.PauseAsync();
        Status submit, read;
        Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus status;
        try
        {
            submit = await StatusOf(() => comments.SubmitCommentAsync(Requests.Submit("During the stall."), deadline: DateTime.UtcNow.AddSeconds(2)).ResponseAsync);
            read = await StatusOf(() => comments.GetCommentAsync(new GetCommentRequest { CommentId = "anything" }, deadline: DateTime.UtcNow.AddSeconds(1)).ResponseAsync);
            status = (await health.CheckAsync(new Grpc.Health.V1.HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(1))).Status;
        }
        finally
        {
            await _redis.ResumeAsync();
        }

        var after = await PollAsync(() => comments.SubmitCommentAsync(Requests.Submit("After the stall.")).ResponseAsync);

        // On a failure, say what the call was told (a transport failure has its exception in the
        // status) and what the service logged as an error (an INTERNAL answer has its exception there).
        string errors = string.Join("\n", _server.Logs.Lines.Where(l => l.StartsWith("Error", StringComparison.Ordinal)));
        Assert.True((submit.StatusCode, read.StatusCode) == (StatusCode.Unavailable, StatusCode.Unavailable), $"submit {Describe(submit)}, read {Describe(read)}; errors logged: {errors}");
        Assert.Equal(Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.NotServing, status);
        Assert.Equal(Verdict.Approved, after.Decision.Verdict);
    }

    [Fact]
    public async Task Calls_RedisKilled_AnswerUnavailableAtOnceAndRecoverWhenItIsBack()
    {
        var comments = new CommentService.CommentServiceClient(_server.ChannelFor(Roles.Site));
        var health = new Grpc.Health.V1.Health.HealthClient(_server.ChannelWithToken(null));
        await comments.SubmitCommentAsync(Requests.Submit("Before the crash."));

        await _redis.StopAsync();
        StatusCode read;
        Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus status;
        try
        {
            // The client notices the closed socket at once; from then on calls fail fast.
            status = await PollUntilAsync(async () => (await health.CheckAsync(new Grpc.Health.V1.HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(1))).Status, s => s == Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.NotServing);
            read = await CodeOf(() => comments.GetCommentAsync(new GetCommentRequest { CommentId = "anything" }, deadline: DateTime.UtcNow.AddMilliseconds(500)).ResponseAsync);
        }
        finally
        {
            await _redis.StartAsync();
        }

        var after = await PollAsync(() => comments.SubmitCommentAsync(Requests.Submit("After the crash.")).ResponseAsync);

        Assert.Equal(Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.NotServing, status);
        Assert.Equal(StatusCode.Unavailable, read);
        Assert.Equal(Verdict.Approved, after.Decision.Verdict);
    }

    [Fact]
    public async Task HealthCheck_ProbedHundredsOfTimes_CostsRedisAFewPings()
    {
        var health = new Grpc.Health.V1.Health.HealthClient(_server.ChannelWithToken(null));
        await health.CheckAsync(new Grpc.Health.V1.HealthCheckRequest());
        var server = _admin.GetServer(_admin.GetEndPoints()[0]);
        await server.ConfigResetStatisticsAsync();

        for (int i = 0; i < 300; i++)
        {
            Assert.Equal(Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.Serving, (await health.CheckAsync(new Grpc.Health.V1.HealthCheckRequest())).Status);
        }

        var pings = (await server.InfoAsync("commandstats")).SelectMany(g => g).FirstOrDefault(s => s.Key == "cmdstat_ping").Value;
        long count = pings is null ? 0 : long.Parse(pings.Split(',')[0].Split('=')[1], System.Globalization.CultureInfo.InvariantCulture);

        // One PING a second at most for the checks, plus the client's own keep-alives.
        Assert.True(count <= 10, $"{count} PINGs for 300 health checks");
    }

    private static async Task<StatusCode> CodeOf(Func<Task> call) => (await StatusOf(call)).StatusCode;

    private static string Describe(Status status) => $"{status.StatusCode} ({status.Detail}; {status.DebugException})";

    private static async Task<Status> StatusOf(Func<Task> call)
    {
        try
        {
            await call();
            return Status.DefaultSuccess;
        }
        catch (RpcException ex)
        {
            return ex.Status;
        }
    }

    private static async Task<T> PollUntilAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var value = await read();
            if (done(value) || DateTime.UtcNow > deadline)
            {
                return value;
            }

            await Task.Delay(20);
        }
    }

    /// <summary>Retries a call answering UNAVAILABLE until it succeeds or ten seconds pass.</summary>
    private static async Task<T> PollAsync<T>(Func<Task<T>> call)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            try
            {
                return await call();
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.Unavailable && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }
    }
}
