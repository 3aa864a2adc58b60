using Moderation.Core.Comments;
using Moderation.Core.Decisions;
using Moderation.Core.Errors;
using Moderation.Core.Rules.Statistics;

namespace Moderation.Core.Workflow.Transitions;

/// <summary>
/// The moderation state machine, written once: for each operation, a pure function of the
/// comment as stored and the request, returning the exact change (or null when nothing
/// changes). Both stores apply these changes and decide nothing themselves.
/// </summary>
/// <remarks>
/// | from \ by        | moderator approves            | moderator rejects | author edits                        | reader reports                                  |
/// | ---------------- | ----------------------------- | ----------------- | ----------------------------------- | ----------------------------------------------- |
/// | pending review   | approved, reports dismissed   | rejected          | re-moderated                        | recorded                                        |
/// | approved         | reports dismissed, leaves queue | rejected        | re-moderated; stays reported if it was | reported queue at the threshold, hidden at the hide threshold |
/// | hidden           | approved, reports dismissed   | rejected          | stays hidden unless now rejected     | recorded                                        |
/// | rejected         | approved, reports dismissed   | unchanged         | refused                             | recorded                                        |
///
/// Queues: pending review waits in Pending; hidden in Hidden; approved in Reported when its
/// readers' reports reach the threshold or a flag rule matched, until a moderator looks.
/// Leaving a queue ends its lease. A live lease held by another moderator refuses a decision
/// unless the decision overrides it. Version grows with every change a client can see
/// (decisions, dismissals, edits, hiding); reports below the hide threshold and leases do not
/// change it.
/// </remarks>
public static class CommentTransitions
{
    /// <summary>
    /// A new comment: queued by its state, counted for its author when decided, counted in the
    /// rule statistics, and added to the recent comments a backtest reads.
    /// </summary>
    public static CommentChange Submit(Comment comment)
    {
        ArgumentNullException.ThrowIfNull(comment);
        var before = CommentRecord.New(comment);
        var after = before with { Place = PlaceFor(before, comment.State, comment.Decision.Flagged, reportedByReaders: false, comment.CreatedAt) };
        var (approved, rejected) = CountDeltas(null, comment.State);
        return new CommentChange(
            before, after, ApprovedDelta: approved, RejectedDelta: rejected, History: [HistoryEntry.Submitted(comment)], TextChanged: true,
            Counters: RuleCounters.ForSubmission(comment.Decision, comment.CreatedAt), Recent: RecentComments.EntryFor(comment.CreatedAt));
    }

    /// <summary>
    /// A moderator's decision. Null when the verdict is already in force with nothing left to
    /// dismiss (a retry). Approving dismisses every report so far; deciding takes the comment
    /// out of its queue and ends its lease. A comment's first decision counts as a review of the
    /// rule that decided it (<see cref="RuleCounters.ForReview"/>).
    /// </summary>
    public static (CommentChange? Change, int ReportsDismissed) Decide(CommentRecord record, ModeratorDecision decision, long expectedVersion, bool overrideLease)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(decision);
        var current = record.Comment;
        var newState = Comment.StateFor(decision.Verdict);
        bool approving = newState == CommentState.Approved;
        bool dismissing = approving && (record.ActiveReports > 0 || record.Place is not null);
        if (current.State == newState && !dismissing)
        {
            return (null, 0);
        }

        if (current.Version != expectedVersion)
        {
            throw new VersionMismatchException(current.Id, expectedVersion, current.Version);
        }

        if (record.LiveLease(decision.DecidedAt) is { } lease && lease.ModeratorId != decision.ModeratorId && !overrideLease)
        {
            throw new LeaseHeldException(current.Id, lease.ModeratorId, lease.Until);
        }

        var decided = current with { State = newState, Version = current.Version + 1, UpdatedAt = decision.DecidedAt, ModeratorDecision = decision };
        var after = record with
        {
            Comment = decided,
            Place = null,
            Lease = null,
            DismissedReporters = approving ? record.Reporters : record.DismissedReporters,
        };
        var entry = current.State == newState
            ? new HistoryEntry(decided.Version, decision.DecidedAt, decision.ModeratorId, "reports-dismissed", newState, decision.ReasonCode, decision.Note)
            : HistoryEntry.Decided(decided.Version, decision);
        var (approved, rejected) = CountDeltas(current.State, newState);
        var change = new CommentChange(record, after, ApprovedDelta: approved, RejectedDelta: rejected, History: [entry], EventCause: "moderator", Counters: RuleCounters.ForReview(current, decision));
        return (change, approving ? record.ActiveReports : 0);
    }

    /// <summary>
    /// The author's new text with the rules' decision on it. A rejected comment cannot be
    /// edited, and a comment hidden by readers stays hidden for a moderator unless the new text
    /// is rejected outright.
    /// </summary>
    public static CommentChange Edit(CommentRecord record, string text, Decision decision, long expectedVersion, int reportedThreshold, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(decision);
        var current = record.Comment;
        CheckEditable(current, expectedVersion);
        var newState = Comment.StateFor(decision.Verdict);
        if (current.State == CommentState.HiddenByReports && newState != CommentState.Rejected)
        {
            newState = CommentState.HiddenByReports;
        }

        var edited = current with
        {
            Submission = current.Submission with { Text = text },
            Decision = decision,
            State = newState,
            Version = current.Version + 1,
            UpdatedAt = now,
        };
        var place = PlaceFor(record, newState, decision.Flagged, record.ActiveReports >= reportedThreshold, now);
        var after = record with { Comment = edited, Place = place, Lease = SameQueue(record.Place, place) ? record.Lease : null };
        var (approved, rejected) = CountDeltas(current.State, newState);
        return new CommentChange(record, after, ApprovedDelta: approved, RejectedDelta: rejected, History: [HistoryEntry.Edited(edited)], EventCause: "edit", TextChanged: true);
    }

    /// <summary>Throws unless the author may edit <paramref name="comment"/> at <paramref name="expectedVersion"/>.</summary>
    public static void CheckEditable(Comment comment, long expectedVersion)
    {
        ArgumentNullException.ThrowIfNull(comment);
        if (comment.State == CommentState.Rejected)
        {
            throw new CommentNotEditableException(comment.Id, "it was rejected; an edit must not undo that.");
        }

        if (comment.Version != expectedVersion)
        {
            throw new VersionMismatchException(comment.Id, expectedVersion, comment.Version);
        }
    }

    /// <summary>
    /// A reader's report, counted once per reader. An approved comment enters the reported queue
    /// at <paramref name="reportedThreshold"/> active reports and is hidden at <paramref name="hideThreshold"/>.
    /// Null change for a reader who reported it already.
    /// </summary>
    public static (CommentChange? Change, ReportResult Result) Report(CommentRecord record, string reporterId, ReasonCode reason, string note, int reportedThreshold, int hideThreshold, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(record);
        var current = record.Comment;
        if (record.ReportedBy)
        {
            return (null, new ReportResult(record.ActiveReports, current.State, Duplicate: true));
        }

        int active = record.ActiveReports + 1;
        var reported = HistoryEntry.Reported(current, reporterId, reason, note, now);
        var counted = record with { Reporters = record.Reporters + 1, ReportedBy = true };
        if (current.State == CommentState.Approved && active >= hideThreshold)
        {
            var hidden = current with { State = CommentState.HiddenByReports, Version = current.Version + 1, UpdatedAt = now };
            var after = counted with { Comment = hidden, Place = PlaceFor(record, hidden.State, flagged: false, reportedByReaders: true, now), Lease = null };
            var change = new CommentChange(record, after, reporterId, ApprovedDelta: -1, History: [reported, HistoryEntry.Hidden(current, now)], EventCause: "reports");
            return (change, new ReportResult(active, hidden.State, Duplicate: false));
        }

        // The flag of the current text counts only until a moderator has looked: an approved
        // comment still in the reported queue stays there, one a moderator cleared needs readers.
        bool stillQueued = record.Place?.Queue == QueueKind.Reported;
        var place = current.State == CommentState.Approved
            ? PlaceFor(record, current.State, stillQueued, active >= reportedThreshold, now)
            : record.Place;
        var kept = counted with { Place = place, Lease = SameQueue(record.Place, place) ? record.Lease : null };
        return (new CommentChange(record, kept, reporterId, History: [reported]), new ReportResult(active, current.State, Duplicate: false));
    }

    /// <summary>
    /// A lease on a comment waiting in <paramref name="queue"/>; null unless it waits there and no
    /// live lease holds it, the caller's own included, so each claim hands out new items.
    /// </summary>
    public static CommentChange? Claim(CommentRecord record, QueueKind queue, string moderatorId, DateTimeOffset now, DateTimeOffset until)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.Place?.Queue != queue || record.LiveLease(now) is not null)
        {
            return null;
        }

        return new CommentChange(record, record with { Lease = new Lease(moderatorId, until) });
    }

    /// <summary>Ends the caller's live lease early; null when the caller holds none on it.</summary>
    public static CommentChange? Release(CommentRecord record, string moderatorId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record.LiveLease(now)?.ModeratorId == moderatorId
            ? new CommentChange(record, record with { Lease = null })
            : null;
    }

    /// <summary>The queue a comment in <paramref name="state"/> waits in, keeping its place when it stays in the same queue.</summary>
    private static QueuePlace? PlaceFor(CommentRecord record, CommentState state, bool flagged, bool reportedByReaders, DateTimeOffset now)
    {
        QueueKind? queue = state switch
        {
            CommentState.PendingReview => QueueKind.Pending,
            CommentState.HiddenByReports => QueueKind.Hidden,
            CommentState.Approved when flagged || reportedByReaders => QueueKind.Reported,
            _ => null,
        };
        if (queue is not { } kind)
        {
            return null;
        }

        if (record.Place?.Queue == kind)
        {
            return record.Place;
        }

        // The pending queue is in order of submission, so an edit does not send a comment to the back.
        return new QueuePlace(kind, kind == QueueKind.Pending ? record.Comment.CreatedAt : now);
    }

    private static bool SameQueue(QueuePlace? before, QueuePlace? after) => before?.Queue == after?.Queue && before is not null;

    private static (int Approved, int Rejected) CountDeltas(CommentState? from, CommentState to) =>
        (Count(to, CommentState.Approved) - Count(from, CommentState.Approved), Count(to, CommentState.Rejected) - Count(from, CommentState.Rejected));

    private static int Count(CommentState? state, CommentState counted) => state == counted ? 1 : 0;
}
