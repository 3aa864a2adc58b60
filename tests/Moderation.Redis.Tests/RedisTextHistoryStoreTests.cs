using Moderation.Core.Rules.History;
using Moderation.Redis.History;
using Moderation.Testing;

namespace Moderation.Redis.Tests;

[Collection(SharedRedisServer.Name)]
public sealed class RedisTextHistoryStoreTests(RedisServerFixture redis) : TextHistoryStoreContract
{
    protected override ITextHistoryStore CreateStore() =>
        new RedisTextHistoryStore(redis.Connection, new RedisKeys(RedisServerFixture.UniquePrefix()));

    [Fact]
    public async Task Record_KeyExpiresWithTheLongestWindow()
    {
        var keys = new RedisKeys(RedisServerFixture.UniquePrefix());
        var store = new RedisTextHistoryStore(redis.Connection, keys);

        await store.RecordAsync("f1", "alice", DateTimeOffset.UtcNow, [TimeSpan.FromMinutes(10), TimeSpan.FromHours(1)], default);

        var ttl = await redis.Connection.GetDatabase().KeyTimeToLiveAsync(keys.TextHistory("f1"));
        Assert.NotNull(ttl);
        Assert.InRange(ttl.Value, TimeSpan.FromMinutes(59), TimeSpan.FromHours(1));
    }
}
