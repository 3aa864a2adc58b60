namespace Moderation.Core.Comments;

/// <summary>Where a stored comment stands.</summary>
public enum CommentState
{
    PendingReview = 1,
    Approved = 2,
    Rejected = 3,
    HiddenByReports = 4,
}
