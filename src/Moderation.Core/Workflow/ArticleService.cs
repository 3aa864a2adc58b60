using Moderation.Core.Comments;
using Moderation.Core.Errors;

namespace Moderation.Core.Workflow;

/// <summary>What the site does with articles: tell the service how each takes comments.</summary>
public sealed class ArticleService(IModerationStateStore state)
{
    public async Task<ArticleSettings> UpsertAsync(ArticleSettings? article, CancellationToken cancellationToken)
    {
        var violations = new FieldViolations();
        if (article is null)
        {
            violations.Add("article", "Required.");
            violations.ThrowIfAny();
        }

        CommentValidator.CheckId(violations, "article.article_id", article!.ArticleId);
        if (!Enum.IsDefined(article.Mode))
        {
            violations.Add("article.mode", "Must be ARTICLE_MODE_OPEN, ARTICLE_MODE_PREMODERATED or ARTICLE_MODE_CLOSED.");
        }

        violations.ThrowIfAny();
        await state.UpsertArticleAsync(article, cancellationToken).ConfigureAwait(false);
        return article;
    }
}
