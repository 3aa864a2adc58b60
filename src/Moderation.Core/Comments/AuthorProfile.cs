namespace Moderation.Core.Comments;

/// <summary>The author of a comment, as the site knows them.</summary>
public sealed record AuthorProfile(
    string Id,
    DateTimeOffset? CreatedAt = null,
    string? DisplayName = null,
    bool EmailVerified = false,
    bool Subscriber = false);
