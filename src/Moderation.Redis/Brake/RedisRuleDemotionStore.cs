using System.Text.Json;
using System.Text.Json.Serialization;
using Moderation.Core.Rules.Brake;
using Moderation.Redis.Telemetry;
using StackExchange.Redis;

namespace Moderation.Redis.Brake;

/// <summary>The brake's demotions in one small hash, a field per demoted rule, read by every instance every few seconds.</summary>
public sealed class RedisRuleDemotionStore(IConnectionMultiplexer redis, RedisKeys keys, RedisCallMetrics? metrics = null) : IRuleDemotionStore
{
    private readonly IDatabase _db = redis.GetDatabase();

    public Task<IReadOnlyDictionary<string, SharedDemotion>> ReadAsync(CancellationToken cancellationToken) =>
        RedisCalls.RunAsync<IReadOnlyDictionary<string, SharedDemotion>>(RedisOperation.DemotionsRead, metrics, async () =>
        {
            var fields = await _db.HashGetAllAsync(keys.Demotions).ConfigureAwait(false);
            var demotions = new Dictionary<string, SharedDemotion>(fields.Length, StringComparer.Ordinal);
            foreach (var field in fields)
            {
                if (JsonSerializer.Deserialize((string)field.Value!, DemotionJsonContext.Default.SharedDemotion) is { } demotion)
                {
                    demotions[(string)field.Name!] = demotion;
                }
            }

            return demotions;
        }, cancellationToken);

    public Task SaveAsync(SharedDemotion demotion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(demotion);
        return RedisCalls.RunAsync(RedisOperation.DemotionsWrite, metrics, () =>
            _db.HashSetAsync(keys.Demotions, demotion.Demotion.RuleId, JsonSerializer.Serialize(demotion, DemotionJsonContext.Default.SharedDemotion)), cancellationToken);
    }

    public Task RemoveAsync(string ruleId, CancellationToken cancellationToken) =>
        RedisCalls.RunAsync(RedisOperation.DemotionsWrite, metrics, () => _db.HashDeleteAsync(keys.Demotions, ruleId), cancellationToken);
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(SharedDemotion))]
internal sealed partial class DemotionJsonContext : JsonSerializerContext;
