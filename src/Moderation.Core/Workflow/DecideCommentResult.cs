using Moderation.Core.Comments;

namespace Moderation.Core.Workflow;

/// <summary>
/// The comment after a moderator's decision; <see cref="Unchanged"/> when the decision was
/// already in force and nothing was left to dismiss; <see cref="ReportsDismissed"/> counts the
/// readers' reports the approval dismissed.
/// </summary>
public sealed record DecideCommentResult(Comment Comment, bool Unchanged, int ReportsDismissed = 0);
