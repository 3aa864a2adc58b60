namespace Moderation.Core.Comments;

/// <summary>
/// What the service knows of an author: the status moderators set, and how many of their
/// comments stand approved and rejected (for the rules' conditions).
/// </summary>
public sealed record AuthorRecord(string AuthorId, AuthorStatus Status, DateTimeOffset? SuspendedUntil, int ApprovedCount, int RejectedCount)
{
    public static AuthorRecord New(string authorId) => new(authorId, AuthorStatus.Normal, null, 0, 0);

    /// <summary>The status in force at <paramref name="now"/>: a suspension that has ended is normal again.</summary>
    public AuthorStatus StatusAt(DateTimeOffset now) =>
        Status == AuthorStatus.Suspended && SuspendedUntil is { } until && until <= now ? AuthorStatus.Normal : Status;
}
