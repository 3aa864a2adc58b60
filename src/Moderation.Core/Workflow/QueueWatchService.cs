using Moderation.Core.Comments;
using Moderation.Core.Errors;
using Moderation.Core.Events;

namespace Moderation.Core.Workflow;

/// <summary>
/// Streams queue changes to a live moderation screen: first every item in the watched queues (as
/// entering), then each item entering or leaving, with the queue's depth, found by comparing
/// snapshots every poll interval. Queues hold hundreds of items, so a snapshot is cheap.
/// </summary>
public sealed class QueueWatchService(ICommentStore store, EventOptions options, TimeProvider timeProvider)
{
    public async Task WatchAsync(QueueKind? queue, string? articleId, Func<QueueEvent, Task> deliver, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deliver);
        var violations = new FieldViolations();
        CommentValidator.CheckId(violations, "article_id", articleId, required: false);
        if (queue is { } given)
        {
            violations.CheckDefined("queue", given, "Must be QUEUE_PENDING, QUEUE_REPORTED or QUEUE_HIDDEN, or unspecified for all three.");
        }

        violations.ThrowIfAny();

        var queues = queue is { } one ? [one] : Enum.GetValues<QueueKind>();
        var known = queues.ToDictionary(q => q, _ => new Dictionary<string, QueueMember>(StringComparer.Ordinal));
        while (!cancellationToken.IsCancellationRequested)
        {
            foreach (var watched in queues)
            {
                var current = (await store.GetQueueMembersAsync(watched, cancellationToken).ConfigureAwait(false))
                    .Where(m => string.IsNullOrEmpty(articleId) || m.ArticleId == articleId)
                    .ToDictionary(m => m.CommentId, StringComparer.Ordinal);
                var before = known[watched];
                var now = timeProvider.GetUtcNow();
                int depth = before.Count;
                foreach (var left in before.Values.Where(m => !current.ContainsKey(m.CommentId)).ToList())
                {
                    before.Remove(left.CommentId);
                    await deliver(new QueueEvent(watched, left.CommentId, left.ArticleId, Entered: false, --depth, now)).ConfigureAwait(false);
                }

                foreach (var entered in current.Values.Where(m => !before.ContainsKey(m.CommentId)).OrderBy(m => m.EnqueuedAt))
                {
                    before[entered.CommentId] = entered;
                    await deliver(new QueueEvent(watched, entered.CommentId, entered.ArticleId, Entered: true, ++depth, now)).ConfigureAwait(false);
                }
            }

            await Task.Delay(options.PollInterval, timeProvider, cancellationToken).ConfigureAwait(false);
        }
    }
}
