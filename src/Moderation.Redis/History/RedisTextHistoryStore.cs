using System.Globalization;
using Moderation.Core.Rules.History;
using StackExchange.Redis;

namespace Moderation.Redis.History;

/// <summary>Text history in one sorted set per text fingerprint, shared by every instance.</summary>
public sealed class RedisTextHistoryStore(IConnectionMultiplexer redis, RedisKeys keys) : ITextHistoryStore
{
    private readonly IDatabase _db = redis.GetDatabase();

    public Task<TextHistory> RecordAsync(string fingerprint, string authorId, DateTimeOffset now, IReadOnlyCollection<TimeSpan> windows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(windows);
        var ordered = windows.Distinct().ToList();
        long keep = ordered.Count == 0 ? 1 : (long)ordered.Max().TotalMilliseconds;
        return RedisCalls.RunAsync(async () =>
        {
            var result = (RedisResult[])(await RedisScripts.RecordText.EvaluateAsync(_db, new
            {
                key = keys.TextHistory(fingerprint),
                author = authorId,
                now = now.ToUnixTimeMilliseconds(),
                keep,
                windows = string.Join(',', ordered.Select(w => ((long)w.TotalMilliseconds).ToString(CultureInfo.InvariantCulture))),
            }).ConfigureAwait(false))!;
            long previous = long.Parse((string)result[0]!, CultureInfo.InvariantCulture);
            var counts = (RedisResult[])result[1]!;
            return new TextHistory(
                previous < 0 ? null : DateTimeOffset.FromUnixTimeMilliseconds(previous),
                ordered.Select((window, i) => (window, count: (int)counts[i])).ToDictionary(p => p.window, p => p.count));
        }, cancellationToken);
    }
}
