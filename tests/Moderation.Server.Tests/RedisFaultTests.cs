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
