namespace Moderation.Core.Comments;

/// <summary>An article's comment settings, as the site last set them.</summary>
public sealed record ArticleSettings(string ArticleId, ArticleMode Mode, DateTimeOffset? ClosesAt = null, DateTimeOffset? PublishedAt = null)
{
    /// <summary>Articles the site never described are open.</summary>
    public static ArticleSettings Open(string articleId) => new(articleId, ArticleMode.Open);

    public bool IsClosedAt(DateTimeOffset now) => Mode == ArticleMode.Closed || (ClosesAt is { } closes && closes <= now);
}
