using StackExchange.Redis;
using Xunit;

namespace Moderation.Testing;

/// <summary>
/// A real redis-server of the tests' own: a free loopback port, a temp directory, AOF on (so
/// restarts keep data, as in production), stopped by its own PID. A missing redis-server fails
/// the tests: CI must never pass by skipping them.
/// </summary>
public sealed class RedisServerFixture : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("moderation-redis-").FullName;
    private readonly RedisServerProcess _server;
    private ConnectionMultiplexer? _connection;

    public RedisServerFixture() =>
        _server = new RedisServerProcess(RedisServerProcess.FreeLoopbackPort(), _directory, ["--appendonly", "yes", "--appendfsync", "everysec", "--protected-mode", "yes"]);

    public int Port => _server.Port;

    /// <summary>A StackExchange.Redis configuration string for this server.</summary>
    public string Configuration => $"127.0.0.1:{Port},abortConnect=false";

    /// <summary>One shared connection, as the service itself would hold.</summary>
    public IConnectionMultiplexer Connection => _connection ?? throw new InvalidOperationException("The fixture has not started.");

    public async Task InitializeAsync()
    {
        await _server.StartAsync();
        _connection = await ConnectionMultiplexer.ConnectAsync(Configuration);
    }

    /// <summary>A key prefix no other test uses, so tests sharing the server never see each other's keys.</summary>
    public static string UniquePrefix() => "t" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>Starts the server again on the same port and data directory, and waits until it answers PING.</summary>
    public Task StartAsync() => _server.StartAsync();

    /// <summary>Stops the server by its PID (as a crash would), leaving its data directory.</summary>
    public Task StopAsync() => _server.StopAsync();

    /// <summary>Freezes the server (SIGSTOP) until <see cref="ResumeAsync"/>.</summary>
    public Task PauseAsync() => _server.PauseAsync();

    public Task ResumeAsync() => _server.ResumeAsync();

    /// <summary>Stops the server as an operator's restart does (SHUTDOWN, AOF flushed), leaving its data directory.</summary>
    public Task ShutdownAsync() => _server.ShutdownAsync();

    public async Task DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }

        await _server.StopAsync();
        TryDelete(_directory);
    }

    internal static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A temp directory left behind is harmless; failing the run for it is not.
        }
    }
}
