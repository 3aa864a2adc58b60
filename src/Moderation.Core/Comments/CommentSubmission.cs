namespace Moderation.Core.Comments;

/// <summary>A comment as the site submits it, before moderation.</summary>
/// <param name="CommentId">The site's own id; also the idempotency key of the submission.</param>
public sealed record CommentSubmission(
    string CommentId,
    string ArticleId,
    AuthorProfile Author,
    string Text,
    string? ParentId = null,
    string? IpAddress = null,
    string? UserAgent = null);
