using Moderation.Testing;

namespace Moderation.Server.Tests;

/// <summary>A running service; its factory hands out channels per role.</summary>
public interface IServerFixture
{
    ModerationServerFactory Factory { get; }
}

/// <summary>The service as the README's run command starts it: in-memory store, shipped rules.</summary>
public sealed class InMemoryServer : IServerFixture, IAsyncLifetime
{
    public ModerationServerFactory Factory { get; } = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await Factory.DisposeAsync();
}

/// <summary>The service configured with Redis (its own real redis-server), as in production.</summary>
public sealed class RedisBackedServer : IServerFixture, IAsyncLifetime
{
    private ModerationServerFactory? _factory;

    public RedisServerFixture Redis { get; } = new();

    /// <summary>The prefix of every key this service writes.</summary>
    public string KeyPrefix { get; } = RedisServerFixture.UniquePrefix();

    public ModerationServerFactory Factory => _factory ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync()
    {
        await Redis.InitializeAsync();
        _factory = new ModerationServerFactory(new Dictionary<string, string?>
        {
            // The client library's default timeouts: tighter ones turned a busy CI core into
            // spurious UNAVAILABLE answers. Health still sees an outage at once, from the socket.
            ["Redis:Configuration"] = Redis.Configuration,
            ["Redis:KeyPrefix"] = KeyPrefix,
        });
    }

    public async Task DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        await Redis.DisposeAsync();
    }
}
