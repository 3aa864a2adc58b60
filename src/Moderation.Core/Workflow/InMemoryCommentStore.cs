using Moderation.Core.Comments;
using Moderation.Core.Errors;
using Moderation.Core.Events;
using Moderation.Core.Workflow.Transitions;

namespace Moderation.Core.Workflow;

/// <summary>
/// Comments, queues, histories, authors and articles in process memory: the embedded default
/// for one instance. One lock makes each change whole, as one Lua script does in Redis; the
/// changes themselves come from <see cref="CommentTransitions"/>. Nothing
/// survives a restart and nothing is shared with other instances.
/// </summary>
public sealed class InMemoryCommentStore(TimeSpan? eventRetention = null) : ICommentRecordStore, IModerationStateStore, IDecisionEventLog
{
    private readonly TimeSpan _eventRetention = eventRetention ?? new EventOptions().Retention;
    private readonly List<(EventCursor Cursor, DecisionEvent Event)> _events = [];
    private EventCursor _maxDeleted = EventCursor.Start;

    private readonly Dictionary<string, CommentRecord> _records = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _reporters = new(StringComparer.Ordinal);
    private readonly Dictionary<QueueKind, SortedSet<QueuePosition>> _queues = new() { [QueueKind.Pending] = [], [QueueKind.Reported] = [], [QueueKind.Hidden] = [] };
    private readonly Dictionary<string, List<HistoryEntry>> _history = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AuthorRecord> _authors = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _pendingByAuthor = new(StringComparer.Ordinal);
    private readonly Dictionary<string, LinkedList<string>> _recentByAuthor = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ArticleSettings> _articles = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public Task<Comment?> GetAsync(string commentId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_records.GetValueOrDefault(commentId)?.Comment);
        }
    }

    public Task<CommentRecord?> ReadAsync(string commentId, string? reporterId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var record = _records.GetValueOrDefault(commentId);
            return Task.FromResult(record is null || reporterId is null
                ? record
                : record with { ReportedBy = _reporters.TryGetValue(commentId, out var readers) && readers.Contains(reporterId) });
        }
    }

    public Task<bool> TryApplyAsync(CommentChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        string id = change.CommentId;
        lock (_gate)
        {
            long stored = _records.TryGetValue(id, out var current) ? current.Revision : 0;
            if (stored != change.Before.Revision)
            {
                return Task.FromResult(false);
            }

            var after = change.After with { Revision = stored + 1, ReportedBy = false };
            _records[id] = after;
            Requeue(id, after.Comment.Submission.Author.Id, current?.Place, after.Place);
            if (change.NewReporter is { } reporter)
            {
                if (!_reporters.TryGetValue(id, out var readers))
                {
                    _reporters[id] = readers = new HashSet<string>(StringComparer.Ordinal);
                }

                readers.Add(reporter);
            }

            if (!_history.TryGetValue(id, out var history))
            {
                _history[id] = history = [];
            }

            history.AddRange(change.Entries);
            string author = after.Comment.Submission.Author.Id;
            if (change.IsNewComment)
            {
                if (!_recentByAuthor.TryGetValue(author, out var recent))
                {
                    _recentByAuthor[author] = recent = new LinkedList<string>();
                }

                recent.AddFirst(id);
                if (recent.Count > CommentChange.AuthorsRecentCapacity)
                {
                    recent.RemoveLast();
                }
            }

            if (change.ApprovedDelta != 0 || change.RejectedDelta != 0)
            {
                var record = _authors.GetValueOrDefault(author) ?? AuthorRecord.New(author);
                _authors[author] = record with
                {
                    ApprovedCount = record.ApprovedCount + change.ApprovedDelta,
                    RejectedCount = record.RejectedCount + change.RejectedDelta,
                };
            }

            if (change.EventCause is { } cause)
            {
                AppendEvent(after.Comment, cause);
            }

            return Task.FromResult(true);
        }
    }

    public Task<QueuePage> ListQueueAsync(QueueQuery query, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        lock (_gate)
        {
            var page = new QueuePageBuilder(query);
            foreach (var position in _queues[query.Queue])
            {
                if (!page.Offer(_records[position.CommentId].ToQueueItem(now)))
                {
                    break;
                }
            }

            return Task.FromResult(page.Build());
        }
    }

    public Task<IReadOnlyList<QueueMember>> GetQueueMembersAsync(QueueKind queue, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<QueueMember>>(_queues[queue]
                .Select(p => new QueueMember(p.CommentId, _records[p.CommentId].Comment.Submission.ArticleId, DateTimeOffset.FromUnixTimeMilliseconds(p.EnqueuedAtUnixMilliseconds)))
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
                var entries = _queues[queue]
                    .Where(p => articleId is null || _records[p.CommentId].Comment.Submission.ArticleId == articleId)
                    .ToList();
                stats.Add(new QueueStats(queue, entries.Count, entries.Count == 0 ? null : DateTimeOffset.FromUnixTimeMilliseconds(entries.Min(p => p.EnqueuedAtUnixMilliseconds))));
            }

            return Task.FromResult<IReadOnlyList<QueueStats>>(stats);
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

    public Task<IReadOnlyList<string>> GetRecentCommentIdsAsync(string authorId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<string>>(_recentByAuthor.TryGetValue(authorId, out var recent) ? [.. recent] : []);
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

    /// <summary>Moves a comment between queues as its change says, keeping the author's pending set in step.</summary>
    private void Requeue(string commentId, string authorId, QueuePlace? from, QueuePlace? to)
    {
        if (from == to)
        {
            return;
        }

        if (from is not null)
        {
            _queues[from.Queue].Remove(new QueuePosition(from.EnqueuedAt.ToUnixTimeMilliseconds(), commentId));
            if (from.Queue == QueueKind.Pending)
            {
                _pendingByAuthor[authorId].Remove(commentId);
            }
        }

        if (to is not null)
        {
            _queues[to.Queue].Add(new QueuePosition(to.EnqueuedAt.ToUnixTimeMilliseconds(), commentId));
            if (to.Queue == QueueKind.Pending)
            {
                if (!_pendingByAuthor.TryGetValue(authorId, out var pending))
                {
                    _pendingByAuthor[authorId] = pending = new HashSet<string>(StringComparer.Ordinal);
                }

                pending.Add(commentId);
            }
        }
    }
}
