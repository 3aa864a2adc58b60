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
        var extra = new List<DecisionReason>();
        if (status == AuthorStatus.Banned)
        {
            extra.Add(reasons.Reason(BuiltInReasons.AuthorBanned));
        }
        else if (status == AuthorStatus.Suspended)
        {
            extra.Add(reasons.Reason(BuiltInReasons.AuthorSuspended, author.SuspendedUntil));
        }
        else if (status == AuthorStatus.Premoderated)
        {
            extra.Add(reasons.Reason(BuiltInReasons.AuthorPremoderated));
        }

        if (article.Mode == ArticleMode.Premoderated)
        {
            extra.Add(reasons.Reason(BuiltInReasons.ArticlePremoderated));
        }

        return With(decision, extra);
    }

    /// <summary>
    /// Another rule set's decision on a stored comment, under the moderators' settings that were
    /// in force for it: the settings' reasons the stored decision carries are applied again. (The
    /// settings themselves are not kept with a comment; their reasons are.)
    /// </summary>
    public static Decision Reapply(Decision candidate, Decision stored)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(stored);
        return With(candidate, stored.Reasons.Where(r => IsSetting(r.RuleId)).ToList());
    }

    /// <summary>
    /// What the rules' conditions could know of a stored comment's author and article: its
    /// author's status and article's mode as the stored decision's settings reasons show them,
    /// at the time it was submitted. A trusted author, the author's counts and the article's age
    /// are not kept with a comment, so they read as for a normal author of an open article.
    /// </summary>
    public static EvaluationContext ContextOf(Comment stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var status = AuthorStatus.Normal;
        var mode = ArticleMode.Open;
        foreach (var reason in stored.Decision.Reasons)
        {
            switch (reason.RuleId)
            {
                case BuiltInReasons.AuthorBanned: status = AuthorStatus.Banned; break;
                case BuiltInReasons.AuthorSuspended: status = AuthorStatus.Suspended; break;
                case BuiltInReasons.AuthorPremoderated: status = AuthorStatus.Premoderated; break;
                case BuiltInReasons.ArticlePremoderated: mode = ArticleMode.Premoderated; break;
            }
        }

        return EvaluationContext.For(stored.Submission, stored.CreatedAt) with { AuthorStatus = status, ArticleMode = mode };
    }

    private static bool IsSetting(string reasonId) =>
        reasonId is BuiltInReasons.AuthorBanned or BuiltInReasons.AuthorSuspended or BuiltInReasons.AuthorPremoderated or BuiltInReasons.ArticlePremoderated;

    /// <summary>The decision with the settings' reasons added: each rejects (a ban, a suspension) or holds (premoderation).</summary>
    private static Decision With(Decision decision, IReadOnlyList<DecisionReason> settings)
    {
        if (settings.Count == 0)
        {
            return decision;
        }

        var verdict = settings.Select(r => r.Action == RuleAction.Reject ? Verdict.Rejected : Verdict.PendingReview).Append(decision.Verdict).Max();
        return decision with { Verdict = verdict, Reasons = [.. decision.Reasons, .. settings], Flagged = decision.Flagged && verdict == Verdict.Approved };
    }
}
