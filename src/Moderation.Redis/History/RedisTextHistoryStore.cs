using System.Globalization;
using Moderation.Core.Rules.History;
using Moderation.Redis.Telemetry;
using StackExchange.Redis;

namespace Moderation.Redis.History;

/// <summary>Text history in one sorted set per text fingerprint, shared by every instance.</summary>
public sealed class RedisTextHistoryStore(IConnectionMultiplexer redis, RedisKeys keys, RedisCallMetrics? metrics = null) : ITextHistoryStore
{
    /// <summary>
    /// Records an author posting a text and reads its history in one step: the author's previous
    /// time (or -1), then the number of authors within each window. Entries older than the
    /// longest window are dropped and the key expires with it, so memory stays bounded.
    /// </summary>
    private static readonly LuaScript RecordText = LuaScript.Prepare("""
        redis.call('ZREMRANGEBYSCORE', @key, '-inf', tonumber(@now) - tonumber(@keep) - 1)
        local previous = redis.call('ZSCORE', @key, @author)
        redis.call('ZADD', @key, @now, @author)
        redis.call('PEXPIRE', @key, @keep)
        local counts = {}
        for window in string.gmatch(@windows, '[^,]+') do
          counts[#counts + 1] = redis.call('ZCOUNT', @key, tonumber(@now) - tonumber(window), '+inf')
        end
        return {previous or '-1', counts}
        """);

    private readonly IDatabase _db = redis.GetDatabase();

    public Task<TextHistory> RecordAsync(string fingerprint, string authorId, DateTimeOffset now, IReadOnlyCollection<TimeSpan> windows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(windows);
        var ordered = windows.Distinct().ToList();
        long keep = ordered.Count == 0 ? 1 : (long)ordered.Max().TotalMilliseconds;
        return RedisCalls.RunAsync(RedisOperation.TextHistoryRecord, metrics, async () =>
        {
            var result = (RedisResult[])(await RecordText.EvaluateAsync(_db, new
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
