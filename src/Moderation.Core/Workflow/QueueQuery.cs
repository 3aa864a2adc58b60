namespace Moderation.Core.Workflow;

/// <summary>A page request on a queue, oldest first, resuming after <see cref="After"/> when given.</summary>
public sealed record QueueQuery(QueueKind Queue, int PageSize, QueuePosition? After = null, string? ArticleId = null, string? AuthorId = null)
{
    public bool Includes(QueueItem item) =>
        (ArticleId is null || item.Comment.Submission.ArticleId == ArticleId)
        && (AuthorId is null || item.Comment.Submission.Author.Id == AuthorId);
}
