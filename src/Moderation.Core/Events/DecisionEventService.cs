using Moderation.Core.Comments;
using Moderation.Core.Errors;

namespace Moderation.Core.Events;

/// <summary>
/// Streams decision events to the site from a cursor: every event after it, in order, at least
/// once, then new ones as they come, until the caller goes away.
/// </summary>
public sealed class DecisionEventService(IDecisionEventLog log, EventOptions options, TimeProvider timeProvider)
{
    public const int MaxArticleFilters = 100;
    private const int BatchSize = 100;

    public async Task WatchAsync(string? cursor, IReadOnlyCollection<string> articleIds, Func<DecisionEvent, Task> deliver, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(articleIds);
        ArgumentNullException.ThrowIfNull(deliver);
        var violations = new FieldViolations();
        if (articleIds.Count > MaxArticleFilters)
        {
            violations.Add("article_ids", $"At most {MaxArticleFilters} articles.");
        }

        foreach (string articleId in articleIds)
        {
            CommentValidator.CheckId(violations, "article_ids", articleId);
        }

        EventCursor? from = EventCursor.Parse(cursor, violations, "cursor");
        violations.ThrowIfAny();

        // A cursor names the log it came from; one from a log since lost (Redis emptied, an
        // in-memory store restarted) would otherwise resume in a log that never held its events.
        // Every cursor this service hands out is also at or before the newest event: one after it
        // was made up (or is from before cursors named their log), and watching from it would wait
        // for ids the log will not reach for a long time, silently.
        var latest = await log.LatestAsync(cancellationToken).ConfigureAwait(false);
        if (from is { } given && given.IsFromAnotherLog(latest.Log))
        {
            ThrowLost(given);
        }

        if (from > latest)
        {
            violations.Add("cursor", $"Later than the newest event ({latest}): not a cursor of this service's events. An empty cursor watches from now on.");
            violations.ThrowIfAny();
        }

        var after = from ?? latest;
        var filter = articleIds.Count == 0 ? null : articleIds.ToHashSet(StringComparer.Ordinal);
        while (!cancellationToken.IsCancellationRequested)
        {
            var events = await log.ReadAfterAsync(after, BatchSize, cancellationToken).ConfigureAwait(false);
            foreach (var decisionEvent in events)
            {
                // The log was emptied and begun again while this watch waited: the events after
                // the cursor went with it.
                var position = EventCursor.Parse(decisionEvent.Cursor, "cursor");
                if (after.IsFromAnotherLog(position.Log))
                {
                    ThrowLost(after);
                }

                if (filter is null || filter.Contains(decisionEvent.ArticleId))
                {
                    await deliver(decisionEvent).ConfigureAwait(false);
                }

                after = position;
            }

            if (events.Count < BatchSize)
            {
                // Idle: look again after the poll interval (StackExchange.Redis cannot block on XREAD).
                await Task.Delay(options.PollInterval, timeProvider, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static void ThrowLost(EventCursor cursor)
    {
        var violations = new FieldViolations();
        violations.Add("cursor", $"From an event log since lost ({cursor.Log}; the store was emptied or restarted): the events after it are gone. Re-read the comments you track and watch again from an empty cursor.");
        violations.ThrowIfAny();
    }
}
