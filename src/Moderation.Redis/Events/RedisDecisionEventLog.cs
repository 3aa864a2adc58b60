using System.Globalization;
using Moderation.Core.Comments;
using Moderation.Core.Events;
using Moderation.Redis.Telemetry;
using StackExchange.Redis;

namespace Moderation.Redis.Events;

/// <summary>
/// The decision events in a Redis stream under the workflow hash tag, appended by
/// <see cref="Comments.CommentChangeScript"/> with each change; a cursor is a stream entry id.
/// </summary>
public sealed class RedisDecisionEventLog(IConnectionMultiplexer redis, RedisKeys keys, RedisCallMetrics? metrics = null) : IDecisionEventLog
{
    private readonly IDatabase _db = redis.GetDatabase();

    public Task<EventCursor> LatestAsync(CancellationToken cancellationToken) =>
        RedisCalls.RunAsync(RedisOperation.EventsLatest, metrics, async () =>
        {
            var newestRead = _db.StreamRangeAsync(keys.Events, "-", "+", 1, Order.Descending);
            var stateRead = _db.StringGetAsync([keys.EventsTrimmed, keys.EventsLog]);
            var (newest, state) = (await newestRead.ConfigureAwait(false), await stateRead.ConfigureAwait(false));
            string? log = LogId(state);
            return newest.Length > 0 ? EventCursor.Parse(newest[0].Id!, "cursor").InLog(log) : MaxDeleted(state).InLog(log);
        }, cancellationToken);

    public Task<IReadOnlyList<DecisionEvent>> ReadAfterAsync(EventCursor after, int max, CancellationToken cancellationToken) =>
        RedisCalls.RunAsync<IReadOnlyList<DecisionEvent>>(RedisOperation.EventsRead, metrics, async () =>
        {
            // Retention trims from the front; the scripts record the newest id they trimmed, so a
            // gap after the cursor shows instead of being skipped silently.
            var state = await _db.StringGetAsync([keys.EventsTrimmed, keys.EventsLog]).ConfigureAwait(false);
            if (after < MaxDeleted(state))
            {
                throw new CursorExpiredException(after.ToString());
            }

            string? log = LogId(state);
            var entries = await _db.StreamRangeAsync(keys.Events, "(" + after.InLog(null), "+", max).ConfigureAwait(false);
            return entries.Select(entry =>
            {
                var fields = entry.Values.ToDictionary(v => (string)v.Name!, v => (string)v.Value!);
                return new DecisionEvent(
                    EventCursor.Parse(entry.Id!, "cursor").InLog(log).ToString(),
                    fields["comment"],
                    fields["article"],
                    (CommentState)int.Parse(fields["state"], CultureInfo.InvariantCulture),
                    long.Parse(fields["version"], CultureInfo.InvariantCulture),
                    fields["cause"],
                    DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(fields["at"], CultureInfo.InvariantCulture)));
            }).ToList();
        }, cancellationToken);

    /// <summary>The newest id retention dropped, from the values of <see cref="RedisKeys.EventsTrimmed"/> and <see cref="RedisKeys.EventsLog"/>.</summary>
    private static EventCursor MaxDeleted(RedisValue[] state) => state[0].IsNull ? EventCursor.Start : EventCursor.Parse(state[0]!, "cursor");

    private static string? LogId(RedisValue[] state) => state[1].IsNull ? null : (string)state[1]!;
}
