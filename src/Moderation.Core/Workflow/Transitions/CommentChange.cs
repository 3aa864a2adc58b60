using Moderation.Core.Comments;
using Moderation.Core.Rules.Statistics;

namespace Moderation.Core.Workflow.Transitions;

/// <summary>
/// One atomic change of a stored comment, worked out by <see cref="CommentTransitions"/> and
/// applied by a store as given: the store decides nothing, it checks the revision and writes.
/// </summary>
/// <param name="Before">The record the change was computed from; its revision must still be the stored one (0: the id must be free).</param>
/// <param name="After">The record as it will be: comment, queue place, lease, reporter counts.</param>
/// <param name="NewReporter">A reader to add to the comment's reporters.</param>
/// <param name="ApprovedDelta">Change of the author's approved count.</param>
/// <param name="RejectedDelta">Change of the author's rejected count.</param>
/// <param name="History">Entries appended to the comment's history, in order.</param>
/// <param name="EventCause">When set, a decision event for the site is appended with this cause.</param>
/// <param name="TextChanged">Whether the comment's text and rules' decision are new (the store rewrites them).</param>
/// <param name="Counters">Rule statistics the change adds to, when any.</param>
/// <param name="Recent">For a new comment, its entry in the index of recent comments.</param>
public sealed record CommentChange(
    CommentRecord Before,
    CommentRecord After,
    string? NewReporter = null,
    int ApprovedDelta = 0,
    int RejectedDelta = 0,
    IReadOnlyList<HistoryEntry>? History = null,
    string? EventCause = null,
    bool TextChanged = false,
    RuleCounterIncrement? Counters = null,
    RecentIndexEntry? Recent = null)
{
    public string CommentId => After.Comment.Id;

    public IReadOnlyList<HistoryEntry> Entries => History ?? [];

    /// <summary>The most recent comments kept per author, newest first, for moderators' view of the author.</summary>
    public const int AuthorsRecentCapacity = 20;

    /// <summary>Whether the change stores a new comment, which then heads its author's recent comments.</summary>
    public bool IsNewComment => Before.Revision == 0;

    /// <summary>
    /// Whether the comment and its history may expire after the store's retention: only once it
    /// is decided and waits in no queue. A comment a moderator still has to see never expires.
    /// </summary>
    public bool Expires => After.Place is null && After.Comment.State is CommentState.Approved or CommentState.Rejected;
}
