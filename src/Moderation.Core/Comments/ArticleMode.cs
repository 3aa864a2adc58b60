namespace Moderation.Core.Comments;

/// <summary>Whether an article accepts comments and how.</summary>
public enum ArticleMode
{
    Open = 1,
    Premoderated = 2,
    Closed = 3,
}
