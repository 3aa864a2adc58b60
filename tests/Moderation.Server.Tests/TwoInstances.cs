using Microsoft.Extensions.DependencyInjection;
using Moderation.Testing;

namespace Moderation.Server.Tests;

/// <summary>
/// Two instances of the service on one Redis of their own, as a deployment behind a load
/// balancer runs: what one instance stores, counts or charges, the other must see.
/// </summary>
internal sealed class TwoInstances : IAsyncDisposable
{
    private readonly RedisServerFixture _redis = new();

    private TwoInstances()
    {
    }

    public ModerationServerFactory First { get; private set; } = null!;

    public ModerationServerFactory Second { get; private set; } = null!;

    /// <param name="settings">Settings beyond Redis's, for both instances.</param>
    /// <param name="first">Services the first instance replaces (a clock of its own, say).</param>
    /// <param name="second">Services the second instance replaces.</param>
    public static async Task<TwoInstances> StartAsync(IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? first = null, Action<IServiceCollection>? second = null)
    {
        var instances = new TwoInstances();
        await instances._redis.InitializeAsync();
        var all = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>())
        {
            ["Redis:Configuration"] = instances._redis.Configuration,
            ["Redis:KeyPrefix"] = RedisServerFixture.UniquePrefix(),
        };
        instances.First = new ModerationServerFactory(all, replaceServices: first);
        instances.Second = new ModerationServerFactory(all, replaceServices: second);
        return instances;
    }

    public async ValueTask DisposeAsync()
    {
        await First.DisposeAsync();
        await Second.DisposeAsync();
        await _redis.DisposeAsync();
    }
}
