using System.Collections.Concurrent;
using Grpc.Core;
using Moderation.Api.V1;
using Moderation.Redis;
using Moderation.Server.Auth;
using Moderation.Testing;
using StackExchange.Redis;

namespace Moderation.Server.Tests;

/// <summary>
/// A primary and a replica started by the test: comments pour in, the primary is killed
/// (<c>kill -9</c>) mid-load while the replica lags, and the replica promoted. With <c>Redis:Durability=Replica</c>
/// every acknowledged comment is on the new primary.
/// </summary>
public sealed class FailoverDurabilityTests : IAsyncLifetime
{
    private readonly RedisServerFixture _primary = new();
    private readonly string _replicaDirectory = Directory.CreateTempSubdirectory("moderation-replica-").FullName;
    private readonly string _prefix = RedisServerFixture.UniquePrefix();
    private RedisServerProcess _replica = null!;
    private ModerationServerFactory _server = null!;

    public async Task InitializeAsync()
    {
        await _primary.InitializeAsync();
        _replica = new RedisServerProcess(RedisServerProcess.FreeLoopbackPort(), _replicaDirectory, ["--replicaof", "127.0.0.1", _primary.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await _replica.StartAsync();
        _server = new ModerationServerFactory(new Dictionary<string, string?>
        {
            ["Redis:Configuration"] = _primary.Configuration,
            ["Redis:KeyPrefix"] = _prefix,
            ["Redis:Durability"] = "Replica",
        });
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _replica.StopAsync();
        await _primary.DisposeAsync();
        Directory.Delete(_replicaDirectory, recursive: true);
    }

    [Fact]
    public async Task SubmitComment_PrimaryKilledMidLoadAndReplicaPromoted_LosesNoAcknowledgedComment()
    {
        await using var replica = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{_replica.Port},allowAdmin=true");
        await WaitForReplicationAsync(replica);
        var client = new CommentService.CommentServiceClient(_server.ChannelFor(Roles.Site));
        var acknowledged = new ConcurrentBag<string>();
        using var stop = new CancellationTokenSource();
        var writers = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var request = Requests.Submit("A comment that must survive the failover.");
                request.ArticleId = Requests.NewId("article");
                try
                {
                    await client.SubmitCommentAsync(request, deadline: DateTime.UtcNow.AddSeconds(5));
                    acknowledged.Add(request.CommentId);
                }
                catch (RpcException)
                {
                    // Not acknowledged: the caller would retry; nothing is owed.
                }
            }
        })).ToList();

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (acknowledged.Count < 150 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        // The replica falls behind (paused, as a slow link or a busy replica would), the load
        // goes on, then the primary dies with writes the replica never received.
        await _replica.PauseAsync();
        int beforeLag = acknowledged.Count;
        var lagDeadline = DateTime.UtcNow.AddSeconds(3);
        while (DateTime.UtcNow < lagDeadline)
        {
            await Task.Delay(10);
        }

        int duringLag = acknowledged.Count - beforeLag;
        await _primary.StopAsync();
        await _replica.ResumeAsync();
        await replica.GetServer(replica.GetEndPoints()[0]).ExecuteAsync("REPLICAOF", "NO", "ONE");
        await stop.CancelAsync();
        await Task.WhenAll(writers);

        var keys = new RedisKeys(_prefix);
        var db = replica.GetDatabase();
        var lost = new List<string>();
        foreach (string id in acknowledged)
        {
            if (!await db.KeyExistsAsync(keys.Comment(id)))
            {
                lost.Add(id);
            }
        }

        Assert.True(acknowledged.Count >= 150, $"only {acknowledged.Count} comments were acknowledged before the kill");
        Assert.True(lost.Count == 0, $"{lost.Count} of {acknowledged.Count} acknowledged comments lost ({duringLag} acknowledged while the replica lagged): {string.Join(", ", lost.Take(5))}");
    }

    private static async Task WaitForReplicationAsync(ConnectionMultiplexer replica)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while ((await replica.GetServer(replica.GetEndPoints()[0]).InfoRawAsync("replication"))?.Contains("master_link_status:up", StringComparison.Ordinal) != true)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The replica did not connect to its primary.");
            }

            await Task.Delay(20);
        }
    }
}
