using Grpc.Net.Client;
using Moderation.Testing;

namespace Moderation.Server.Tests;

/// <summary>A running service and a channel to it.</summary>
public interface IServerFixture
{
    GrpcChannel Channel { get; }
}

/// <summary>The service as the README's run command starts it: in-memory store, shipped rules.</summary>
public sealed class InMemoryServer : IServerFixture, IAsyncLifetime
{
    private readonly ModerationServerFactory _factory = new();

    public GrpcChannel Channel { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Channel = _factory.CreateChannel();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        Channel.Dispose();
        await _factory.DisposeAsync();
    }
}

/// <summary>The service configured with Redis (its own real redis-server), as in production.</summary>
public sealed class RedisBackedServer : IServerFixture, IAsyncLifetime
{
    private ModerationServerFactory? _factory;

    public RedisServerFixture Redis { get; } = new();

    /// <summary>The prefix of every key this service writes.</summary>
    public string KeyPrefix { get; } = RedisServerFixture.UniquePrefix();

    public GrpcChannel Channel { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Redis.InitializeAsync();
        _factory = new ModerationServerFactory(new Dictionary<string, string?>
        {
            ["Redis:Configuration"] = Redis.Configuration + ",connectTimeout=500,asyncTimeout=1000,syncTimeout=1000",
            ["Redis:KeyPrefix"] = KeyPrefix,
        });
        Channel = _factory.CreateChannel();
    }

    public async Task DisposeAsync()
    {
        Channel.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        await Redis.DisposeAsync();
    }
}
