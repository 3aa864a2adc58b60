using Moderation.Testing;

namespace Moderation.Redis.Tests;

/// <summary>One redis-server for the whole assembly; tests keep apart through unique key prefixes.</summary>
[CollectionDefinition(Name)]
public sealed class SharedRedisServer : ICollectionFixture<RedisServerFixture>
{
    public const string Name = "redis";
}
