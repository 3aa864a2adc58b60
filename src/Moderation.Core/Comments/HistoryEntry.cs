namespace Moderation.Core.Comments;

/// <summary>
/// One change in a comment's life, appended and never altered: who (the service itself as
/// "system", or a moderator), what, why, when, and the text at submissions and edits.
/// </summary>
public sealed record HistoryEntry(
    long Version,
    DateTimeOffset OccurredAt,
    string Actor,
    string Action,
    CommentState State,
    ReasonCode ReasonCode = ReasonCode.Unspecified,
    string Note = "",
    IReadOnlyList<string>? RuleIds = null,
    string? Text = null)
{
    public const string System = "system";

    public static HistoryEntry Submitted(Comment comment)
    {
        ArgumentNullException.ThrowIfNull(comment);
        return new HistoryEntry(
            comment.Version, comment.CreatedAt, System, "submitted", comment.State,
            RuleIds: comment.Decision.Reasons.Where(r => !r.Shadow).Select(r => r.RuleId).ToList(),
            Text: comment.Submission.Text);
    }

    public static HistoryEntry Edited(Comment edited)
    {
        ArgumentNullException.ThrowIfNull(edited);
        return new HistoryEntry(
            edited.Version, edited.UpdatedAt, edited.Submission.Author.Id, "edited", edited.State,
            RuleIds: edited.Decision.Reasons.Where(r => !r.Shadow).Select(r => r.RuleId).ToList(),
            Text: edited.Submission.Text);
    }

    public static HistoryEntry Reported(Comment comment, string reporterId, ReasonCode reason, string note, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(comment);
        return new HistoryEntry(comment.Version, at, "reader:" + reporterId, "reported", comment.State, reason, note);
    }

    public static HistoryEntry Hidden(Comment comment, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(comment);
        return new HistoryEntry(comment.Version + 1, at, System, "hidden", CommentState.HiddenByReports);
    }

    public static HistoryEntry Decided(long newVersion, ModeratorDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var state = Comment.StateFor(decision.Verdict);
        return new HistoryEntry(newVersion, decision.DecidedAt, decision.ModeratorId, state == CommentState.Approved ? "approved" : "rejected", state, decision.ReasonCode, decision.Note);
    }
}
