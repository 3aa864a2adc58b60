using System.Diagnostics;
using System.Globalization;
using StackExchange.Redis;
using Xunit;

namespace Moderation.Testing;

/// <summary>
/// A real Redis Cluster of three masters on loopback (redis-server --cluster-enabled yes, joined
/// with redis-cli --cluster create), for proving every script stays within one hash slot.
/// </summary>
public sealed class RedisClusterFixture : IAsyncLifetime
{
    private static readonly TimeSpan FormTimeout = TimeSpan.FromSeconds(30);
    private static readonly string[] CreateCommand = ["--cluster", "create"];
    private static readonly string[] NoReplicas = ["--cluster-replicas", "0", "--cluster-yes"];
    private readonly string _directory = Directory.CreateTempSubdirectory("moderation-cluster-").FullName;
    private readonly List<RedisServerProcess> _nodes = [];
    private ConnectionMultiplexer? _connection;

    public IConnectionMultiplexer Connection => _connection ?? throw new InvalidOperationException("The cluster has not started.");

    public async Task InitializeAsync()
    {
        for (int i = 0; i < 3; i++)
        {
            int port = RedisServerProcess.FreeLoopbackPort();
            var node = new RedisServerProcess(port, Path.Combine(_directory, port.ToString(CultureInfo.InvariantCulture)),
                ["--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf", "--cluster-node-timeout", "5000", "--appendonly", "no"]);
            await node.StartAsync();
            _nodes.Add(node);
        }

        var create = new ProcessStartInfo(RedisServerProcess.FindExecutable("redis-cli"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in CreateCommand.Concat(_nodes.Select(n => $"127.0.0.1:{n.Port}")).Concat(NoReplicas))
        {
            create.ArgumentList.Add(argument);
        }

        using (var cli = Process.Start(create)!)
        {
            string output = await cli.StandardOutput.ReadToEndAsync();
            await cli.WaitForExitAsync();
            if (cli.ExitCode != 0)
            {
                throw new InvalidOperationException($"redis-cli --cluster create failed: {output} {await cli.StandardError.ReadToEndAsync()}");
            }
        }

        _connection = await ConnectionMultiplexer.ConnectAsync(string.Join(',', _nodes.Select(n => $"127.0.0.1:{n.Port}")) + ",abortConnect=false");
        await WaitUntilFormedAsync();
    }

    public async Task DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }

        foreach (var node in _nodes)
        {
            await node.StopAsync();
        }

        RedisServerFixture.TryDelete(_directory);
    }

    /// <summary>Polls CLUSTER INFO on every node until all agree the cluster is ok.</summary>
    private async Task WaitUntilFormedAsync()
    {
        // CLUSTER is an admin command: asked on a connection of its own, so the stores under
        // test use an ordinary one.
        await using var admin = await ConnectionMultiplexer.ConnectAsync(string.Join(',', _nodes.Select(n => $"127.0.0.1:{n.Port}")) + ",abortConnect=false,allowAdmin=true");
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            bool allOk = true;
            foreach (var endpoint in admin.GetEndPoints())
            {
                var info = (string?)await admin.GetServer(endpoint).ExecuteAsync("CLUSTER", "INFO");
                allOk &= info?.Contains("cluster_state:ok", StringComparison.Ordinal) == true;
            }

            if (allOk && Connection.GetServers().Count(s => !s.IsReplica) == 3)
            {
                return;
            }

            if (deadline.Elapsed > FormTimeout)
            {
                throw new TimeoutException("The Redis cluster did not reach cluster_state:ok.");
            }

            await Task.Delay(50);
        }
    }
}
