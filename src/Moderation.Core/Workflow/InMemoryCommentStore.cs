using Moderation.Core.Comments;
using Moderation.Core.Errors;
using Moderation.Core.Events;
using Moderation.Core.Rules.Statistics;
using Moderation.Core.Workflow.Transitions;

namespace Moderation.Core.Workflow;

/// <summary>
/// Comments, queues, histories, authors, articles, rule counters and the recent-comment index in process memory: the embedded default
/// for one instance. One lock makes each change whole, as one Lua script does in Redis; the
/// changes themselves come from <see cref="CommentTransitions"/>. Nothing
/// survives a restart and nothing is shared with other instances.
/// </summary>
public sealed class InMemoryCommentStore(TimeSpan? eventRetention = null) : ICommentRecordStore, IModerationStateStore, IDecisionEventLog, IRuleStatsStore, IRecentCommentIndex
{
    private static readonly long BucketLifetimeHours = (long)RuleCounters.BucketLifetime.TotalHours;

    private readonly TimeSpan _eventRetention = eventRetention ?? new EventOptions().Retention;
    private readonly List<(EventCursor Cursor, DecisionEvent Event)> _events = [];
    private EventCursor _maxDeleted = EventCursor.Start;

    // This store's event log lives as long as the process: a cursor from before a restart names another.
    private readonly string _logId = EventCursor.NewLogId();

    private readonly Dictionary<string, CommentRecord> _records = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _reporters = new(StringComparer.Ordinal);
    private readonly Dictionary<QueueKind, SortedSet<QueuePosition>> _queues = new() { [QueueKind.Pending] = [], [QueueKind.Reported] = [], [QueueKind.Hidden] = [] };
    private readonly Dictionary<string, List<HistoryEntry>> _history = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AuthorRecord> _authors = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _pendingByAuthor = new(StringComparer.Ordinal);
    private readonly Dictionary<string, LinkedList<string>> _recentByAuthor = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ArticleSettings> _articles = new(StringComparer.Ordinal);
    private readonly SortedDictionary<long, Dictionary<string, long>> _ruleCounters = [];
    private readonly SortedSet<RecentPosition> _recent = [];
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

            if (change.Counters is { } counters)
            {
                Count(counters);
            }

            if (change.Recent is { } entry)
            {
                Index(id, entry);
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
            return Task.FromResult((_events.Count == 0 ? _maxDeleted : _events[^1].Cursor).InLog(_logId));
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

    public Task<IReadOnlyDictionary<long, IReadOnlyDictionary<string, long>>> ReadAsync(long firstHour, long lastHour, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var buckets = new Dictionary<long, IReadOnlyDictionary<string, long>>();
            foreach (var (hour, counters) in _ruleCounters)
            {
                if (hour >= firstHour && hour <= lastHour)
                {
                    buckets[hour] = new Dictionary<string, long>(counters, StringComparer.Ordinal);
                }
            }

            return Task.FromResult<IReadOnlyDictionary<long, IReadOnlyDictionary<string, long>>>(buckets);
        }
    }

    public Task<RecentCommentBatch> ReadAsync(RecentCommentQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        lock (_gate)
        {
            // An entry no longer indexed was trimmed, and every older one with it.
            if (query.After is { } after && !_recent.Contains(after))
            {
                return Task.FromResult(new RecentCommentBatch([], null));
            }

            var lowest = new RecentPosition(query.Since.ToUnixTimeMilliseconds(), "");
            var highest = query.After ?? new RecentPosition(query.Until.ToUnixTimeMilliseconds(), "\uffff");
            var comments = new List<Comment>(query.Max);
            RecentPosition? last = null;
            int read = 0;
            if (lowest <= highest)
            {
                foreach (var position in _recent.GetViewBetween(lowest, highest).Reverse())
                {
                    if (position == query.After)
                    {
                        continue;
                    }

                    if (read == query.Max)
                    {
                        break;
                    }

                    read++;
                    last = position;
                    if (_records.TryGetValue(position.CommentId, out var record))
                    {
                        comments.Add(record.Comment);
                    }
                }
            }

            return Task.FromResult(new RecentCommentBatch(comments, read == query.Max ? last : null));
        }
    }

    /// <summary>Adds the change's counters to their hour, and forgets buckets past their lifetime as Redis expires them.</summary>
    private void Count(RuleCounterIncrement counters)
    {
        if (!_ruleCounters.TryGetValue(counters.Hour, out var bucket))
        {
            _ruleCounters[counters.Hour] = bucket = new Dictionary<string, long>(StringComparer.Ordinal);
        }

        foreach (string field in counters.Fields)
        {
            bucket[field] = bucket.GetValueOrDefault(field) + 1;
        }

        while (_ruleCounters.Count > 0 && _ruleCounters.First().Key < counters.Hour - BucketLifetimeHours)
        {
            _ruleCounters.Remove(_ruleCounters.First().Key);
        }
    }

    /// <summary>Adds a new comment to the recent index and trims it as the entry says: by age, then by count.</summary>
    private void Index(string commentId, RecentIndexEntry entry)
    {
        _recent.Add(new RecentPosition(entry.CreatedAt.ToUnixTimeMilliseconds(), commentId));
        long trimBefore = entry.TrimBefore.ToUnixTimeMilliseconds();
        while (_recent.Count > 0 && _recent.Min.CreatedAtUnixMilliseconds < trimBefore)
        {
            _recent.Remove(_recent.Min);
        }

        while (_recent.Count > entry.Capacity)
        {
            _recent.Remove(_recent.Min);
        }
    }

    /// <summary>Appends the event of a change, with an id after every earlier one, and drops events past retention.</summary>
    private void AppendEvent(Comment changed, string cause)
    {
        long ms = changed.UpdatedAt.ToUnixTimeMilliseconds();
        var cursor = new EventCursor(ms, 0, _logId);
        if (_events.Count > 0 && _events[^1].Cursor is var last && cursor <= last)
        {
            cursor = new EventCursor(last.Milliseconds, last.Sequence + 1, _logId);
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
