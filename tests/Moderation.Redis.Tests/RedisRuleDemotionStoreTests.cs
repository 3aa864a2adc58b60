using Moderation.Core.Rules.Brake;
using Moderation.Redis.Brake;
using Moderation.Testing;

namespace Moderation.Redis.Tests;

[Collection(SharedRedisServer.Name)]
public sealed class RedisRuleDemotionStoreTests(RedisServerFixture redis) : RuleDemotionStoreContract
{
    protected override IRuleDemotionStore CreateStore() => new RedisRuleDemotionStore(redis.Connection, new RedisKeys(RedisServerFixture.UniquePrefix()));
}
