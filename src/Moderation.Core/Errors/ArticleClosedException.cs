namespace Moderation.Core.Errors;

/// <summary>The article takes no more comments.</summary>
public sealed class ArticleClosedException(string articleId)
    : ModerationException($"Article '{articleId}' is closed for comments.")
{
    public string ArticleId { get; } = articleId;
}
