using Moderation.Core.Comments;
using Moderation.Core.Decisions;

namespace Moderation.Core.Workflow;

/// <summary>
/// What moderators' settings do to the rules' decision: a banned or suspended author is
/// rejected, a premoderated author or article is held. Each adds a reason like any rule, so the
/// explanation names it.
/// </summary>
public static class WorkflowPolicy
{
    public static Decision Apply(Decision decision, AuthorRecord author, ArticleSettings article, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(author);
        ArgumentNullException.ThrowIfNull(article);
        var status = author.StatusAt(now);
        var extra = new List<(DecisionReason Reason, Verdict Verdict)>();
        if (status == AuthorStatus.Banned)
        {
            extra.Add((Reason("author-banned", RuleAction.Reject, "Your account may no longer comment.", "The author is banned."), Verdict.Rejected));
        }
        else if (status == AuthorStatus.Suspended)
        {
            extra.Add((Reason("author-suspended", RuleAction.Reject, $"Your account may comment again after {author.SuspendedUntil:u}.", "The author is suspended."), Verdict.Rejected));
        }
        else if (status == AuthorStatus.Premoderated)
        {
            extra.Add((Reason("author-premoderated", RuleAction.Hold, "Your comments appear once a moderator has reviewed them.", "The author is premoderated."), Verdict.PendingReview));
        }

        if (article.Mode == ArticleMode.Premoderated)
        {
            extra.Add((Reason("article-premoderated", RuleAction.Hold, "Comments on this article appear once a moderator has reviewed them.", "The article is premoderated."), Verdict.PendingReview));
        }

        if (extra.Count == 0)
        {
            return decision;
        }

        var verdict = extra.Select(e => e.Verdict).Append(decision.Verdict).Max();
        return decision with { Verdict = verdict, Reasons = [.. decision.Reasons, .. extra.Select(e => e.Reason)] };
    }

    private static DecisionReason Reason(string id, RuleAction action, string forAuthor, string forModerators) =>
        new(id, "workflow", action, forAuthor, forModerators, [], Shadow: false, Weight: 0);
}
