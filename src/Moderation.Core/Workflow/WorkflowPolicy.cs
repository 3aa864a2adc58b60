using Moderation.Core.Comments;
using Moderation.Core.Decisions;
using Moderation.Core.Rules;

namespace Moderation.Core.Workflow;

/// <summary>
/// What moderators' settings do to the rules' decision: a banned or suspended author is
/// rejected, a premoderated author or article is held. Each adds a reason like any rule, so the
/// explanation names it.
/// </summary>
public static class WorkflowPolicy
{
    public static Decision Apply(Decision decision, AuthorRecord author, ArticleSettings article, DateTimeOffset now, BuiltInReasons reasons)
    {
        ArgumentNullException.ThrowIfNull(reasons);
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(author);
        ArgumentNullException.ThrowIfNull(article);
        var status = author.StatusAt(now);
        var extra = new List<(DecisionReason Reason, Verdict Verdict)>();
        if (status == AuthorStatus.Banned)
        {
            extra.Add((reasons.Reason(BuiltInReasons.AuthorBanned), Verdict.Rejected));
        }
        else if (status == AuthorStatus.Suspended)
        {
            extra.Add((reasons.Reason(BuiltInReasons.AuthorSuspended, author.SuspendedUntil), Verdict.Rejected));
        }
        else if (status == AuthorStatus.Premoderated)
        {
            extra.Add((reasons.Reason(BuiltInReasons.AuthorPremoderated), Verdict.PendingReview));
        }

        if (article.Mode == ArticleMode.Premoderated)
        {
            extra.Add((reasons.Reason(BuiltInReasons.ArticlePremoderated), Verdict.PendingReview));
        }

        if (extra.Count == 0)
        {
            return decision;
        }

        var verdict = extra.Select(e => e.Verdict).Append(decision.Verdict).Max();
        return decision with { Verdict = verdict, Reasons = [.. decision.Reasons, .. extra.Select(e => e.Reason)], Flagged = decision.Flagged && verdict == Verdict.Approved };
    }
}
