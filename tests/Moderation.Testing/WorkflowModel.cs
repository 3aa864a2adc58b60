using Moderation.Core.Comments;
using Moderation.Core.Workflow;

namespace Moderation.Testing;

/// <summary>
/// The reference model of the moderation workflow: the rules as the README and the protos
/// state them, written plainly and apart from Core's <c>CommentTransitions</c>, so that a store
/// and the model disagreeing points at a bug in one of them. Everything here is what a client
/// can observe.
/// </summary>
public sealed class WorkflowModel(int reportedThreshold, int hideThreshold)
{
    public sealed class Entry
    {
        public required string Id { get; init; }
        public required string Author { get; init; }
        public required string Article { get; init; }
        public required DateTimeOffset CreatedAt { get; init; }
        public CommentState State { get; set; }
        public long Version { get; set; } = 1;
        public string Text { get; set; } = "";
        public bool Flagged { get; set; }
        public HashSet<string> Reporters { get; } = new(StringComparer.Ordinal);
        public int Dismissed { get; set; }
        public (QueueKind Queue, DateTimeOffset At)? Place { get; set; }
        public (string Moderator, DateTimeOffset Until)? Lease { get; set; }
        public List<(long Version, string Action, string Actor, CommentState State)> History { get; } = [];

        public int ActiveReports => Reporters.Count - Dismissed;
    }

    public Dictionary<string, Entry> Comments { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, (int Approved, int Rejected)> Authors { get; } = new(StringComparer.Ordinal);

    public List<(string Comment, CommentState State, long Version, string Cause)> Events { get; } = [];

    public static CommentState StateOf(Core.Decisions.Verdict verdict) => verdict switch
    {
        Core.Decisions.Verdict.Approved => CommentState.Approved,
        Core.Decisions.Verdict.PendingReview => CommentState.PendingReview,
        _ => CommentState.Rejected,
    };

    /// <summary>Returns whether the comment was created (false: the id was taken, nothing changed).</summary>
    public bool Submit(string id, string author, string article, string text, Core.Decisions.Verdict verdict, bool flagged, DateTimeOffset now)
    {
        if (Comments.ContainsKey(id))
        {
            return false;
        }

        var entry = new Entry { Id = id, Author = author, Article = article, CreatedAt = now, State = StateOf(verdict), Text = text, Flagged = flagged };
        entry.Place = entry.State == CommentState.PendingReview ? (QueueKind.Pending, now)
            : entry.State == CommentState.Approved && flagged ? (QueueKind.Reported, now)
            : null;
        Count(author, null, entry.State);
        entry.History.Add((1, "submitted", HistoryEntry.System, entry.State));
        Comments[id] = entry;
        return true;
    }

    /// <summary>Returns (unchanged, reports dismissed), or the name of the error a client gets.</summary>
    public (bool Unchanged, int Dismissed, string? Error) Decide(string id, Core.Decisions.Verdict verdict, string moderator, long expectedVersion, bool overrideLease, DateTimeOffset now)
    {
        if (!Comments.TryGetValue(id, out var c))
        {
            return (false, 0, "NotFound");
        }

        var state = StateOf(verdict);
        bool approving = state == CommentState.Approved;
        bool dismissing = approving && (c.ActiveReports > 0 || c.Place is not null);
        if (c.State == state && !dismissing)
        {
            return (true, 0, null);
        }

        if (c.Version != expectedVersion)
        {
            return (false, 0, "VersionMismatch");
        }

        if (c.Lease is { } lease && lease.Until > now && lease.Moderator != moderator && !overrideLease)
        {
            return (false, 0, "LeaseHeld");
        }

        int dismissed = approving ? c.ActiveReports : 0;
        var before = c.State;
        c.Version++;
        c.State = state;
        c.Place = null;
        c.Lease = null;
        if (approving)
        {
            c.Dismissed = c.Reporters.Count;
        }

        Count(c.Author, before, state);
        c.History.Add((c.Version, before == state ? "reports-dismissed" : approving ? "approved" : "rejected", moderator, state));
        Events.Add((id, state, c.Version, "moderator"));
        return (false, dismissed, null);
    }

    public string? Edit(string id, string text, Core.Decisions.Verdict verdict, bool flagged, long expectedVersion, DateTimeOffset now)
    {
        if (!Comments.TryGetValue(id, out var c))
        {
            return "NotFound";
        }

        if (c.State == CommentState.Rejected)
        {
            return "NotEditable";
        }

        if (c.Version != expectedVersion)
        {
            return "VersionMismatch";
        }

        var before = c.State;
        var state = StateOf(verdict);
        if (before == CommentState.HiddenByReports && state != CommentState.Rejected)
        {
            state = CommentState.HiddenByReports;
        }

        var place = state switch
        {
            CommentState.PendingReview => c.Place?.Queue == QueueKind.Pending ? c.Place : (QueueKind.Pending, c.CreatedAt),
            CommentState.HiddenByReports => c.Place,
            CommentState.Approved when flagged || c.ActiveReports >= reportedThreshold => c.Place?.Queue == QueueKind.Reported ? c.Place : (QueueKind.Reported, now),
            _ => null,
        };
        if (place?.Queue != c.Place?.Queue)
        {
            c.Lease = null;
        }

        c.Place = place;
        c.State = state;
        c.Text = text;
        c.Flagged = flagged;
        c.Version++;
        Count(c.Author, before, state);
        c.History.Add((c.Version, "edited", c.Author, state));
        Events.Add((id, state, c.Version, "edit"));
        return null;
    }

    public (int Count, CommentState State, bool Duplicate, string? Error) Report(string id, string reader, DateTimeOffset now)
    {
        if (!Comments.TryGetValue(id, out var c))
        {
            return (0, default, false, "NotFound");
        }

        if (!c.Reporters.Add(reader))
        {
            return (c.ActiveReports, c.State, true, null);
        }

        c.History.Add((c.Version, "reported", "reader:" + reader, c.State));
        if (c.State == CommentState.Approved && c.ActiveReports >= hideThreshold)
        {
            c.Version++;
            c.State = CommentState.HiddenByReports;
            c.Place = (QueueKind.Hidden, now);
            c.Lease = null;
            Count(c.Author, CommentState.Approved, CommentState.HiddenByReports);
            c.History.Add((c.Version, "hidden", HistoryEntry.System, c.State));
            Events.Add((id, c.State, c.Version, "reports"));
        }
        else if (c.State == CommentState.Approved && c.ActiveReports >= reportedThreshold && c.Place is null)
        {
            c.Place = (QueueKind.Reported, now);
        }

        return (c.ActiveReports, c.State, false, null);
    }

    public List<string> Claim(QueueKind queue, string moderator, int max, DateTimeOffset now, DateTimeOffset until)
    {
        var claimed = new List<string>();
        foreach (var c in InQueue(queue))
        {
            if (claimed.Count == max)
            {
                break;
            }

            if (c.Lease is not { } lease || lease.Until <= now)
            {
                c.Lease = (moderator, until);
                claimed.Add(c.Id);
            }
        }

        return claimed;
    }

    public List<string> Release(string moderator, IEnumerable<string> ids, DateTimeOffset now)
    {
        var released = new List<string>();
        foreach (string id in ids.Distinct(StringComparer.Ordinal))
        {
            if (Comments.TryGetValue(id, out var c) && c.Lease is { } lease && lease.Moderator == moderator && lease.Until > now)
            {
                c.Lease = null;
                released.Add(id);
            }
        }

        return released;
    }

    /// <summary>A queue in its order: oldest first, ties by id.</summary>
    public IEnumerable<Entry> InQueue(QueueKind queue) => Comments.Values
        .Where(c => c.Place?.Queue == queue)
        .OrderBy(c => c.Place!.Value.At.ToUnixTimeMilliseconds())
        .ThenBy(c => c.Id, StringComparer.Ordinal);

    private void Count(string author, CommentState? before, CommentState after)
    {
        var (approved, rejected) = Authors.GetValueOrDefault(author);
        approved += (after == CommentState.Approved ? 1 : 0) - (before == CommentState.Approved ? 1 : 0);
        rejected += (after == CommentState.Rejected ? 1 : 0) - (before == CommentState.Rejected ? 1 : 0);
        Authors[author] = (approved, rejected);
    }
}
