using System.Globalization;
using Moderation.Core.Comments;
using Moderation.Core.Errors;
using Moderation.Core.Workflow;
using Moderation.Redis.Comments;
using Moderation.Core.Workflow.Transitions;
using Moderation.Redis.Telemetry;
using StackExchange.Redis;

namespace Moderation.Redis.State;

/// <summary>
/// Authors (status and counts) and articles in hashes, and the comments' histories in lists,
/// under the workflow hash tag. Histories and counts are written by <see cref="CommentChangeScript"/>
/// with the change they record; moderators' settings are written here.
/// </summary>
public sealed class RedisModerationState(IConnectionMultiplexer redis, RedisKeys keys, RedisDurability? durability = null, RedisCallMetrics? metrics = null) : IModerationStateStore
{
    private readonly IDatabase _db = redis.GetDatabase();
    private readonly RedisDurability _durability = durability ?? RedisDurability.Immediate;

    public Task<AuthorRecord> GetAuthorAsync(string authorId, CancellationToken cancellationToken) =>
        RedisCalls.RunAsync(RedisOperation.AuthorGet, metrics, async () => ReadAuthor(authorId, await _db.HashGetAllAsync(keys.Author(authorId)).ConfigureAwait(false)), cancellationToken);

    public Task<AuthorRecord> SetAuthorStatusAsync(string authorId, AuthorStatus status, DateTimeOffset? suspendedUntil, CancellationToken cancellationToken) =>
        RedisCalls.RunAsync(RedisOperation.AuthorSetStatus, metrics, async () =>
        {
            var key = keys.Author(authorId);
            var until = status == AuthorStatus.Suspended && suspendedUntil is { } end ? end.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) : "";
            return await _durability.WriteAsync(_db, async () =>
            {
                var transaction = _db.CreateTransaction();
                _ = transaction.HashSetAsync(key, [new HashEntry("status", (int)status), new HashEntry("until", until)]);
                var read = transaction.HashGetAllAsync(key);
                await transaction.ExecuteAsync().ConfigureAwait(false);
                return ReadAuthor(authorId, await read.ConfigureAwait(false));
            }).ConfigureAwait(false);
        }, cancellationToken);

    public Task<IReadOnlyList<string>> GetRecentCommentIdsAsync(string authorId, CancellationToken cancellationToken) =>
        RedisCalls.RunAsync<IReadOnlyList<string>>(
            RedisOperation.AuthorRecent,
            metrics,
            async () => (await _db.ListRangeAsync(keys.AuthorRecent(authorId), 0, CommentChange.AuthorsRecentCapacity - 1).ConfigureAwait(false)).Select(v => (string)v!).ToList(),
            cancellationToken);

    public Task<IReadOnlyList<string>> GetPendingCommentIdsAsync(string authorId, CancellationToken cancellationToken) =>
        RedisCalls.RunAsync<IReadOnlyList<string>>(
            RedisOperation.AuthorPending,
            metrics,
            async () => (await _db.SetMembersAsync(keys.AuthorPending(authorId)).ConfigureAwait(false)).Select(v => (string)v!).ToList(),
            cancellationToken);

    public Task<ArticleSettings> GetArticleAsync(string articleId, CancellationToken cancellationToken) =>
        RedisCalls.RunAsync(RedisOperation.ArticleGet, metrics, async () =>
        {
            var fields = (await _db.HashGetAllAsync(keys.Article(articleId)).ConfigureAwait(false)).ToDictionary(e => (string)e.Name!, e => (string)e.Value!);
            return fields.Count == 0
                ? ArticleSettings.Open(articleId)
                : new ArticleSettings(articleId, (ArticleMode)int.Parse(fields["mode"], CultureInfo.InvariantCulture), TimeOrNull(fields["closes"]), TimeOrNull(fields["published"]));
        }, cancellationToken);

    public Task UpsertArticleAsync(ArticleSettings article, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(article);
        return RedisCalls.RunAsync(RedisOperation.ArticleUpsert, metrics, async () =>
        {
            await _durability.WriteAsync(_db, async () =>
            {
                await _db.HashSetAsync(keys.Article(article.ArticleId),
                [
                    new HashEntry("mode", (int)article.Mode),
                    new HashEntry("closes", article.ClosesAt?.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) ?? ""),
                    new HashEntry("published", article.PublishedAt?.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) ?? ""),
                ]).ConfigureAwait(false);
                return true;
            }).ConfigureAwait(false);
            return true;
        }, cancellationToken);
    }

    /// <summary>
    /// A page of the history, read with every entry after it and the comment's document
    /// (pipelined: one round trip), because a text the history omits is the comment's current
    /// one unless a later edit replaced it (<see cref="StoredHistoryEntry"/>).
    /// </summary>
    public Task<(IReadOnlyList<HistoryEntry> Entries, int Total)> GetHistoryAsync(string commentId, int offset, int count, CancellationToken cancellationToken) =>
        RedisCalls.RunAsync<(IReadOnlyList<HistoryEntry>, int)>(RedisOperation.HistoryGet, metrics, async () =>
        {
            var key = keys.History(commentId);
            var total = _db.ListLengthAsync(key);
            var fromPage = _db.ListRangeAsync(key, offset, -1);
            var document = _db.StringGetAsync(keys.Document(commentId));
            var earlierDocument = _db.HashGetAsync(keys.Comment(commentId), CommentHash.Document);
            if (await total.ConfigureAwait(false) == 0)
            {
                throw new CommentNotFoundException(commentId);
            }

            var stored = (await fromPage.ConfigureAwait(false)).Select(v => (string)v!).ToList();
            var json = await document.ConfigureAwait(false);
            json = json.IsNull ? await earlierDocument.ConfigureAwait(false) : json;
            var entries = StoredHistoryEntry.Read(stored, json.IsNullOrEmpty ? null : CommentHash.ReadDocument(json!)?.Submission.Text);
            return (entries.Take(count).ToList(), (int)await total.ConfigureAwait(false));
        }, cancellationToken);

    private static AuthorRecord ReadAuthor(string authorId, HashEntry[] entries)
    {
        var fields = entries.ToDictionary(e => (string)e.Name!, e => (string)e.Value!);
        int Count(string name) => fields.TryGetValue(name, out var value) ? int.Parse(value, CultureInfo.InvariantCulture) : 0;
        return new AuthorRecord(
            authorId,
            fields.TryGetValue("status", out var status) ? (AuthorStatus)int.Parse(status, CultureInfo.InvariantCulture) : AuthorStatus.Normal,
            fields.TryGetValue("until", out var until) ? TimeOrNull(until) : null,
            Count("approved"),
            Count("rejected"));
    }

    private static DateTimeOffset? TimeOrNull(string milliseconds) =>
        milliseconds.Length == 0 ? null : DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(milliseconds, CultureInfo.InvariantCulture));
}
