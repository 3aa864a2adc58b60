namespace Moderation.Core.Decisions;

/// <summary>The outcome of moderating a comment, as the site should act on it.</summary>
public enum Verdict
{
    Approved = 1,
    PendingReview = 2,
    Rejected = 3,
}
