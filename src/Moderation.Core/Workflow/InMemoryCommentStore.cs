using Moderation.Core.Comments;
using Moderation.Core.Errors;

namespace Moderation.Core.Workflow;

/// <summary>
/// Comments and queues in process memory: the embedded default for one instance. Nothing
/// survives a restart and nothing is shared with other instances.
/// </summary>
public sealed class InMemoryCommentStore : ICommentStore
{
    private readonly Dictionary<string, Comment> _comments = new(StringComparer.Ordinal);
    private readonly SortedSet<QueuePosition> _pending = [];
    private readonly Lock _gate = new();

    public Task<Comment?> GetAsync(string commentId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_comments.GetValueOrDefault(commentId));
        }
    }

    public Task<AddCommentResult> AddAsync(Comment comment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(comment);
        lock (_gate)
        {
            if (_comments.TryGetValue(comment.Id, out var existing))
            {
                return Task.FromResult(new AddCommentResult(existing, Created: false));
            }

            _comments.Add(comment.Id, comment);
            if (comment.State == CommentState.PendingReview)
            {
                _pending.Add(PendingPosition(comment));
            }

            return Task.FromResult(new AddCommentResult(comment, Created: true));
        }
    }

    public Task<QueuePage> ListQueueAsync(QueueQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Queue != QueueKind.Pending)
        {
            // Only the pending queue is filled so far: nothing reaches the others yet.
            return Task.FromResult(new QueuePage([], null));
        }

        lock (_gate)
        {
            var page = new QueuePageBuilder(query);
            foreach (var position in _pending)
            {
                var item = new QueueItem(_comments[position.CommentId], QueueKind.Pending, DateTimeOffset.FromUnixTimeMilliseconds(position.EnqueuedAtUnixMilliseconds));
                if (!page.Offer(item))
                {
                    break;
                }
            }

            return Task.FromResult(page.Build());
        }
    }

    public Task<DecideCommentResult> DecideAsync(string commentId, long expectedVersion, ModeratorDecision decision, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var newState = Comment.StateFor(decision.Verdict);
        lock (_gate)
        {
            if (!_comments.TryGetValue(commentId, out var current))
            {
                throw new CommentNotFoundException(commentId);
            }

            if (current.State == newState)
            {
                return Task.FromResult(new DecideCommentResult(current, Unchanged: true));
            }

            if (current.Version != expectedVersion)
            {
                throw new VersionMismatchException(commentId, expectedVersion, current.Version);
            }

            var decided = current with
            {
                State = newState,
                Version = current.Version + 1,
                UpdatedAt = decision.DecidedAt,
                ModeratorDecision = decision,
            };
            _comments[commentId] = decided;
            if (current.State == CommentState.PendingReview)
            {
                _pending.Remove(PendingPosition(current));
            }

            return Task.FromResult(new DecideCommentResult(decided, Unchanged: false));
        }
    }

    private static QueuePosition PendingPosition(Comment comment) =>
        new(comment.CreatedAt.ToUnixTimeMilliseconds(), comment.Id);
}
