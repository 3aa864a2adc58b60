namespace Moderation.Core.Comments;

/// <summary>How the service treats an author's comments.</summary>
public enum AuthorStatus
{
    Normal = 1,
    Trusted = 2,
    Premoderated = 3,
    Suspended = 4,
    Banned = 5,
}
