using Moderation.Core.Comments;
using Moderation.Core.Rules.History;

namespace Moderation.Core.Rules;

/// <summary>
/// What the rules' conditions may ask about a comment besides its text. Values the service does
/// not know yet take the neutral default (a normal author with no history, an open article).
/// </summary>
/// <param name="DemotedRules">
/// The ids of rules the emergency brake has demoted: each is evaluated as if it were shadow
/// (reported, never deciding). Null when none is.
/// </param>
public sealed record EvaluationContext(
    DateTimeOffset Now,
    DateTimeOffset? AuthorCreatedAt = null,
    bool IsReply = false,
    AuthorStatus AuthorStatus = AuthorStatus.Normal,
    int ApprovedCount = 0,
    int RejectedCount = 0,
    ArticleMode ArticleMode = ArticleMode.Open,
    DateTimeOffset? ArticlePublishedAt = null,
    TextHistory? History = null,
    IReadOnlySet<string>? DemotedRules = null)
{
    public static EvaluationContext For(CommentSubmission submission, DateTimeOffset now, TextHistory? history = null)
    {
        ArgumentNullException.ThrowIfNull(submission);
        return new EvaluationContext(now, submission.Author?.CreatedAt, !string.IsNullOrEmpty(submission.ParentId), History: history);
    }
}
