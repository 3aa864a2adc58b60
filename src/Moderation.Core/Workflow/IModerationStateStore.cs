using Moderation.Core.Comments;

namespace Moderation.Core.Workflow;

/// <summary>
/// Authors, articles and comment histories. History entries are written by the comment store in
/// the same atomic step as the change they record; this reads them.
/// </summary>
public interface IModerationStateStore
{
    Task<AuthorRecord> GetAuthorAsync(string authorId, CancellationToken cancellationToken);

    /// <summary>Sets an author's status, keeping their counts.</summary>
    Task<AuthorRecord> SetAuthorStatusAsync(string authorId, AuthorStatus status, DateTimeOffset? suspendedUntil, CancellationToken cancellationToken);

    /// <summary>The author's comments waiting in the pending queue.</summary>
    Task<IReadOnlyList<string>> GetPendingCommentIdsAsync(string authorId, CancellationToken cancellationToken);

    /// <summary>The ids of the author's most recent comments, newest first, at most <see cref="Transitions.CommentChange.AuthorsRecentCapacity"/>.</summary>
    Task<IReadOnlyList<string>> GetRecentCommentIdsAsync(string authorId, CancellationToken cancellationToken);

    Task<ArticleSettings> GetArticleAsync(string articleId, CancellationToken cancellationToken);

    Task UpsertArticleAsync(ArticleSettings article, CancellationToken cancellationToken);

    /// <summary>A page of a comment's history, oldest first: entries [offset, offset + count), and the total.</summary>
    Task<(IReadOnlyList<HistoryEntry> Entries, int Total)> GetHistoryAsync(string commentId, int offset, int count, CancellationToken cancellationToken);
}
