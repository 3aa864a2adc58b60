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
            var newest = await _db.StreamRangeAsync(keys.Events, "-", "+", 1, Order.Descending).ConfigureAwait(false);
            if (newest.Length > 0)
            {
                return EventCursor.Parse(newest[0].Id!, "cursor");
            }

            return await MaxDeletedAsync().ConfigureAwait(false);
        }, cancellationToken);

    public Task<IReadOnlyList<DecisionEvent>> ReadAfterAsync(EventCursor after, int max, CancellationToken cancellationToken) =>
        RedisCalls.RunAsync<IReadOnlyList<DecisionEvent>>(RedisOperation.EventsRead, metrics, async () =>
        {
            // Retention trims from the front; the scripts record the newest id they trimmed, so a
            // gap after the cursor shows instead of being skipped silently.
            if (after < await MaxDeletedAsync().ConfigureAwait(false))
            {
                throw new CursorExpiredException(after.ToString());
            }

            var entries = await _db.StreamRangeAsync(keys.Events, "(" + after, "+", max).ConfigureAwait(false);
            return entries.Select(entry =>
            {
                var fields = entry.Values.ToDictionary(v => (string)v.Name!, v => (string)v.Value!);
                return new DecisionEvent(
                    entry.Id!,
                    fields["comment"],
                    fields["article"],
                    (CommentState)int.Parse(fields["state"], CultureInfo.InvariantCulture),
                    long.Parse(fields["version"], CultureInfo.InvariantCulture),
                    fields["cause"],
                    DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(fields["at"], CultureInfo.InvariantCulture)));
            }).ToList();
        }, cancellationToken);

    private async Task<EventCursor> MaxDeletedAsync()
    {
        var trimmed = await _db.StringGetAsync(keys.EventsTrimmed).ConfigureAwait(false);
        return trimmed.IsNull ? EventCursor.Start : EventCursor.Parse(trimmed!, "cursor");
    }
}
