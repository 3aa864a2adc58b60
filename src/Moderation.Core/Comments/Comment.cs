using Moderation.Core.Decisions;

namespace Moderation.Core.Comments;

/// <summary>A comment as stored: what was submitted, what the rules decided, where it stands.</summary>
/// <param name="Version">Starts at 1 and grows with every change; optimistic concurrency checks it.</param>
public sealed record Comment(
    CommentSubmission Submission,
    Decision Decision,
    CommentState State,
    long Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    ModeratorDecision? ModeratorDecision = null)
{
    public string Id => Submission.CommentId;

    /// <summary>The state a verdict puts a comment in, whether the rules or a moderator gave it.</summary>
    public static CommentState StateFor(Verdict verdict) => verdict switch
    {
        Verdict.Approved => CommentState.Approved,
        Verdict.PendingReview => CommentState.PendingReview,
        Verdict.Rejected => CommentState.Rejected,
        _ => throw new ArgumentOutOfRangeException(nameof(verdict), verdict, null),
    };
}
