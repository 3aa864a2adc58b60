using Moderation.Core.Comments;
using Moderation.Core.Errors;
using Moderation.Core.Events;

namespace Moderation.Core.Workflow;

/// <summary>
/// Comments, queues, histories, authors and articles in process memory: the embedded default
/// for one instance. One lock makes each change whole, as one Lua script does in Redis. Nothing
/// survives a restart and nothing is shared with other instances.
/// </summary>
public sealed class InMemoryCommentStore(TimeSpan? eventRetention = null) : ICommentStore, IModerationStateStore, IDecisionEventLog
{
    private readonly TimeSpan _eventRetention = eventRetention ?? new EventOptions().Retention;
    private readonly List<(EventCursor Cursor, DecisionEvent Event)> _events = [];
    private EventCursor _maxDeleted = EventCursor.Start;

    private readonly Dictionary<string, Comment> _comments = new(StringComparer.Ordinal);
    private readonly SortedSet<QueuePosition> _pending = [];
    private readonly Dictionary<QueueKind, SortedSet<QueuePosition>> _reportQueues = new() { [QueueKind.Reported] = [], [QueueKind.Hidden] = [] };
    private readonly Dictionary<string, QueuePosition> _reportQueuePositions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _reporters = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Moderator, DateTimeOffset Until)> _claims = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<HistoryEntry>> _history = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AuthorRecord> _authors = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _pendingByAuthor = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ArticleSettings> _articles = new(StringComparer.Ordinal);
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
            _history[comment.Id] = [HistoryEntry.Submitted(comment)];
            Track(comment, before: null);

            // A flag rule publishes the comment and asks for a look: it waits with the reported ones.
            if (comment.State == CommentState.Approved && comment.Decision.Flagged)
            {
                AddToReportQueue(QueueKind.Reported, comment.Id, comment.CreatedAt);
            }
            return Task.FromResult(new AddCommentResult(comment, Created: true));
        }
    }

    public Task<QueuePage> ListQueueAsync(QueueQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        lock (_gate)
        {
            var page = new QueuePageBuilder(query);
            foreach (var position in query.Queue == QueueKind.Pending ? _pending : _reportQueues[query.Queue])
            {
                var item = ItemAt(query.Queue, position);
                if (!page.Offer(item))
                {
                    break;
                }
            }

            return Task.FromResult(page.Build());
        }
    }

    public Task<Comment> EditAsync(string commentId, long expectedVersion, Comment edited, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(edited);
        lock (_gate)
        {
            if (!_comments.TryGetValue(commentId, out var current))
            {
                throw new CommentNotFoundException(commentId);
            }

            if (current.Version != expectedVersion)
            {
                throw new VersionMismatchException(commentId, expectedVersion, current.Version);
            }

            _comments[commentId] = edited;
            _history[commentId].Add(HistoryEntry.Edited(edited));
            Track(edited, current);
            AppendEvent(edited, "edit");
            return Task.FromResult(edited);
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
                // Approving a reported comment again dismisses the reports.
                if (newState == CommentState.Approved && RemoveFromReportQueues(commentId))
                {
                    _history[commentId].Add(new HistoryEntry(current.Version, decision.DecidedAt, decision.ModeratorId, "reports-dismissed", current.State, decision.ReasonCode, decision.Note));
                }

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
            _history[commentId].Add(HistoryEntry.Decided(decided.Version, decision));
            Track(decided, current);
            AppendEvent(decided, "moderator");
            return Task.FromResult(new DecideCommentResult(decided, Unchanged: false));
        }
    }

    public Task<IReadOnlyList<QueueItem>> ClaimAsync(QueueKind queue, string moderatorId, int max, DateTimeOffset now, DateTimeOffset leaseUntil, string? articleId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var claimed = new List<QueueItem>();
            foreach (var position in queue == QueueKind.Pending ? _pending : _reportQueues[queue])
            {
                if (claimed.Count == max)
                {
                    break;
                }

                bool free = !_claims.TryGetValue(position.CommentId, out var holder) || holder.Until <= now || holder.Moderator == moderatorId;
                if (free && (articleId is null || _comments[position.CommentId].Submission.ArticleId == articleId))
                {
                    _claims[position.CommentId] = (moderatorId, leaseUntil);
                    claimed.Add(ItemAt(queue, position));
                }
            }

            return Task.FromResult<IReadOnlyList<QueueItem>>(claimed);
        }
    }

    public Task<IReadOnlyList<string>> ReleaseAsync(string moderatorId, IReadOnlyList<string> commentIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commentIds);
        lock (_gate)
        {
            var released = commentIds.Where(id => _claims.TryGetValue(id, out var holder) && holder.Moderator == moderatorId).ToList();
            released.ForEach(id => _claims.Remove(id));
            return Task.FromResult<IReadOnlyList<string>>(released);
        }
    }

    public Task<IReadOnlyList<QueueMember>> GetQueueMembersAsync(QueueKind queue, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<QueueMember>>((queue == QueueKind.Pending ? _pending : _reportQueues[queue])
                .Select(p => new QueueMember(p.CommentId, _comments[p.CommentId].Submission.ArticleId, DateTimeOffset.FromUnixTimeMilliseconds(p.EnqueuedAtUnixMilliseconds)))
                .ToList());
        }
    }

    public Task<IReadOnlyList<QueueStats>> GetQueueStatsAsync(string? articleId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var stats = new List<QueueStats>();
            foreach (var queue in Enum.GetValues<QueueKind>())
            {
                var entries = (queue == QueueKind.Pending ? _pending : _reportQueues[queue])
                    .Where(p => articleId is null || _comments[p.CommentId].Submission.ArticleId == articleId)
                    .ToList();
                stats.Add(new QueueStats(queue, entries.Count, entries.Count == 0 ? null : DateTimeOffset.FromUnixTimeMilliseconds(entries.Min(p => p.EnqueuedAtUnixMilliseconds))));
            }

            return Task.FromResult<IReadOnlyList<QueueStats>>(stats);
        }
    }

    public Task<ReportResult> ReportAsync(string commentId, string reporterId, ReasonCode reason, string note, int reportedThreshold, int hideThreshold, DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_comments.TryGetValue(commentId, out var current))
            {
                throw new CommentNotFoundException(commentId);
            }

            if (!_reporters.TryGetValue(commentId, out var reporters))
            {
                _reporters[commentId] = reporters = new HashSet<string>(StringComparer.Ordinal);
            }

            if (!reporters.Add(reporterId))
            {
                return Task.FromResult(new ReportResult(reporters.Count, current.State, Duplicate: true));
            }

            _history[commentId].Add(HistoryEntry.Reported(current, reporterId, reason, note, now));
            if (current.State == CommentState.Approved && reporters.Count >= hideThreshold)
            {
                var hidden = current with { State = CommentState.HiddenByReports, Version = current.Version + 1, UpdatedAt = now };
                _comments[commentId] = hidden;
                _history[commentId].Add(HistoryEntry.Hidden(current, now));
                Track(hidden, current);
                AppendEvent(hidden, "reports");
                return Task.FromResult(new ReportResult(reporters.Count, hidden.State, Duplicate: false));
            }

            if (current.State == CommentState.Approved && reporters.Count >= reportedThreshold && !_reportQueuePositions.ContainsKey(commentId))
            {
                AddToReportQueue(QueueKind.Reported, commentId, now);
            }

            return Task.FromResult(new ReportResult(reporters.Count, current.State, Duplicate: false));
        }
    }

    public Task<AuthorRecord> GetAuthorAsync(string authorId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_authors.GetValueOrDefault(authorId) ?? AuthorRecord.New(authorId));
        }
    }

    public Task<AuthorRecord> SetAuthorStatusAsync(string authorId, AuthorStatus status, DateTimeOffset? suspendedUntil, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var record = _authors.GetValueOrDefault(authorId) ?? AuthorRecord.New(authorId);
            _authors[authorId] = record with { Status = status, SuspendedUntil = status == AuthorStatus.Suspended ? suspendedUntil : null };
            return Task.FromResult(_authors[authorId]);
        }
    }

    public Task<IReadOnlyList<string>> GetPendingCommentIdsAsync(string authorId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<string>>(_pendingByAuthor.TryGetValue(authorId, out var pending) ? [.. pending] : []);
        }
    }

    public Task<ArticleSettings> GetArticleAsync(string articleId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_articles.GetValueOrDefault(articleId) ?? ArticleSettings.Open(articleId));
        }
    }

    public Task UpsertArticleAsync(ArticleSettings article, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(article);
        lock (_gate)
        {
            _articles[article.ArticleId] = article;
            return Task.CompletedTask;
        }
    }

    public Task<(IReadOnlyList<HistoryEntry> Entries, int Total)> GetHistoryAsync(string commentId, int offset, int count, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_history.TryGetValue(commentId, out var entries))
            {
                throw new CommentNotFoundException(commentId);
            }

            return Task.FromResult(((IReadOnlyList<HistoryEntry>)entries.Skip(offset).Take(count).ToList(), entries.Count));
        }
    }

    public Task<EventCursor> LatestAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_events.Count == 0 ? _maxDeleted : _events[^1].Cursor);
        }
    }

    public Task<IReadOnlyList<DecisionEvent>> ReadAfterAsync(EventCursor after, int max, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (after < _maxDeleted)
            {
                throw new CursorExpiredException(after.ToString());
            }

            return Task.FromResult<IReadOnlyList<DecisionEvent>>(
                _events.Where(e => e.Cursor > after).Take(max).Select(e => e.Event).ToList());
        }
    }

    /// <summary>Appends the event of a change, with an id after every earlier one, and drops events past retention.</summary>
    private void AppendEvent(Comment changed, string cause)
    {
        long ms = changed.UpdatedAt.ToUnixTimeMilliseconds();
        var cursor = new EventCursor(ms, 0);
        if (_events.Count > 0 && _events[^1].Cursor is var last && cursor <= last)
        {
            cursor = new EventCursor(last.Milliseconds, last.Sequence + 1);
        }

        _events.Add((cursor, new DecisionEvent(cursor.ToString(), changed.Id, changed.Submission.ArticleId, changed.State, changed.Version, cause, changed.UpdatedAt)));
        long oldest = ms - (long)_eventRetention.TotalMilliseconds;
        while (_events.Count > 0 && _events[0].Cursor.Milliseconds < oldest)
        {
            _maxDeleted = _events[0].Cursor;
            _events.RemoveAt(0);
        }
    }

    private QueueItem ItemAt(QueueKind queue, QueuePosition position)
    {
        var claim = _claims.TryGetValue(position.CommentId, out var holder) ? holder : default;
        return new QueueItem(
            _comments[position.CommentId],
            queue,
            DateTimeOffset.FromUnixTimeMilliseconds(position.EnqueuedAtUnixMilliseconds),
            _reporters.GetValueOrDefault(position.CommentId)?.Count ?? 0,
            claim.Moderator,
            claim.Moderator is null ? null : claim.Until);
    }

    private void AddToReportQueue(QueueKind queue, string commentId, DateTimeOffset at)
    {
        var position = new QueuePosition(at.ToUnixTimeMilliseconds(), commentId);
        _reportQueues[queue].Add(position);
        _reportQueuePositions[commentId] = position;
    }

    /// <summary>Takes a comment out of the reported and hidden queues; true when it was in one.</summary>
    private bool RemoveFromReportQueues(string commentId)
    {
        if (!_reportQueuePositions.Remove(commentId, out var position))
        {
            return false;
        }

        _reportQueues[QueueKind.Reported].Remove(position);
        _reportQueues[QueueKind.Hidden].Remove(position);
        return true;
    }

    /// <summary>Keeps the queues, the author's pending set and the author's counts in step with a comment's state.</summary>
    private void Track(Comment now, Comment? before)
    {
        string author = now.Submission.Author.Id;
        if (before is not null && now.State != before.State)
        {
            // Leaving a queue ends any lease on the comment.
            _claims.Remove(now.Id);
        }

        if (before?.State is CommentState.Approved or CommentState.HiddenByReports && now.State != before.State)
        {
            RemoveFromReportQueues(now.Id);
        }

        if (now.State == CommentState.HiddenByReports)
        {
            AddToReportQueue(QueueKind.Hidden, now.Id, now.UpdatedAt);
        }

        if (before?.State == CommentState.PendingReview)
        {
            _pending.Remove(PendingPosition(before));
            _pendingByAuthor[author].Remove(now.Id);
        }

        if (now.State == CommentState.PendingReview)
        {
            _pending.Add(PendingPosition(now));
            if (!_pendingByAuthor.TryGetValue(author, out var set))
            {
                _pendingByAuthor[author] = set = new HashSet<string>(StringComparer.Ordinal);
            }

            set.Add(now.Id);
        }

        var record = _authors.GetValueOrDefault(author) ?? AuthorRecord.New(author);
        _authors[author] = record with
        {
            ApprovedCount = record.ApprovedCount + Delta(CommentState.Approved, now, before),
            RejectedCount = record.RejectedCount + Delta(CommentState.Rejected, now, before),
        };
    }

    private static int Delta(CommentState state, Comment now, Comment? before) =>
        (now.State == state ? 1 : 0) - (before?.State == state ? 1 : 0);

    private static QueuePosition PendingPosition(Comment comment) =>
        new(comment.CreatedAt.ToUnixTimeMilliseconds(), comment.Id);
}
