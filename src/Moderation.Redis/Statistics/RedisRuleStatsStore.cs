using System.Globalization;
using Moderation.Core.Rules.Statistics;
using Moderation.Redis.Telemetry;
using StackExchange.Redis;

namespace Moderation.Redis.Statistics;

/// <summary>
/// The rule counters in Redis: one hash per clock hour, written by the scripts that store new
/// comments and moderators' decisions (<see cref="Comments.CommentChangeScript"/>), so every
/// instance adds to the same counts at no extra round trip. Reading a week is one pipelined
/// HGETALL per hour (169 hashes), once per statistics request.
/// </summary>
public sealed class RedisRuleStatsStore(IConnectionMultiplexer redis, RedisKeys keys, RedisCallMetrics? metrics = null) : IRuleStatsStore
{
    private readonly IDatabase _db = redis.GetDatabase();

    public Task<IReadOnlyDictionary<long, IReadOnlyDictionary<string, long>>> ReadAsync(long firstHour, long lastHour, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(firstHour, lastHour);
        return RedisCalls.RunAsync<IReadOnlyDictionary<long, IReadOnlyDictionary<string, long>>>(RedisOperation.RuleStatsRead, metrics, async () =>
        {
            var reads = new List<(long Hour, Task<HashEntry[]> Fields)>();
            for (long hour = firstHour; hour <= lastHour; hour++)
            {
                reads.Add((hour, _db.HashGetAllAsync(keys.RuleStats(hour))));
            }

            var buckets = new Dictionary<long, IReadOnlyDictionary<string, long>>();
            foreach (var (hour, read) in reads)
            {
                var fields = await read.ConfigureAwait(false);
                if (fields.Length > 0)
                {
                    buckets[hour] = fields.ToDictionary(f => (string)f.Name!, f => long.Parse((string)f.Value!, CultureInfo.InvariantCulture), StringComparer.Ordinal);
                }
            }

            return buckets;
        }, cancellationToken);
    }
}
