using Moderation.Core.Comments;

namespace Moderation.Core.Rules;

/// <summary>
/// When a rule applies (the rules file's <c>when:</c>); every condition given must hold. A
/// condition about something unknown (an account age the site did not send) does not hold.
/// </summary>
public sealed record RuleConditions(
    TimeSpan? AccountAgeBelow = null,
    bool? Reply = null,
    IReadOnlySet<AuthorStatus>? AuthorStatuses = null,
    int? ApprovedCountBelow = null,
    double? RejectedRatioAbove = null,
    IReadOnlySet<ArticleMode>? ArticleModes = null,
    TimeSpan? ArticleAgeAbove = null)
{
    public static readonly RuleConditions Always = new();

    public bool HoldFor(EvaluationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (AccountAgeBelow is { } youngerThan && (context.AuthorCreatedAt is not { } created || context.Now - created >= youngerThan))
        {
            return false;
        }

        if (Reply is { } reply && context.IsReply != reply)
        {
            return false;
        }

        if (AuthorStatuses is not null && !AuthorStatuses.Contains(context.AuthorStatus))
        {
            return false;
        }

        if (ApprovedCountBelow is { } fewerThan && context.ApprovedCount >= fewerThan)
        {
            return false;
        }

        int decided = context.ApprovedCount + context.RejectedCount;
        if (RejectedRatioAbove is { } ratio && (decided == 0 || (double)context.RejectedCount / decided <= ratio))
        {
            return false;
        }

        if (ArticleModes is not null && !ArticleModes.Contains(context.ArticleMode))
        {
            return false;
        }

        return ArticleAgeAbove is not { } olderThan || (context.ArticlePublishedAt is { } published && context.Now - published > olderThan);
    }
}
