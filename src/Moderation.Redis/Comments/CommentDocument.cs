using System.Text.Json;
using System.Text.Json.Serialization;
using Moderation.Core.Comments;
using Moderation.Core.Decisions;
using Moderation.Core.Workflow;
using Moderation.Core.Workflow.Transitions;
using StackExchange.Redis;

namespace Moderation.Redis.Comments;

/// <summary>
/// The parts of a comment that never change after submission, stored as one JSON field. The
/// fields scripts must read or change (state, version, moderator decision) live beside it in
/// the hash, so Lua never parses JSON. A censored text that is the text itself (most comments)
/// is not stored twice: <see cref="Uncensored"/> says so and the decision's copy is left empty.
/// </summary>
internal sealed record CommentDocument(CommentSubmission Submission, Decision Decision, DateTimeOffset CreatedAt, bool Uncensored = false)
{
    public static CommentDocument Of(Comment comment) =>
        comment.Decision.CensoredText == comment.Submission.Text
            ? new(comment.Submission, comment.Decision with { CensoredText = "" }, comment.CreatedAt, Uncensored: true)
            : new(comment.Submission, comment.Decision, comment.CreatedAt);

    /// <summary>The decision as it was made, its censored text restored.</summary>
    public Decision StoredDecision => Uncensored ? Decision with { CensoredText = Submission.Text } : Decision;
}

// Nulls (an author's unset fields, a parent, a user agent) are left out: a missing property reads as null.
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CommentDocument))]
[JsonSerializable(typeof(ModeratorDecision))]
[JsonSerializable(typeof(HistoryEntry))]
internal sealed partial class CommentJsonContext : JsonSerializerContext;

/// <summary>Converts comments to and from the Redis hash that holds each one.</summary>
internal static class CommentHash
{
    public const string Document = "doc";
    public const string State = "state";
    public const string Version = "version";
    public const string Updated = "updated";
    public const string ModeratorDecision = "mod";
    public const string Author = "author";
    public const string Article = "article";
    public const string Revision = "rev";
    public const string Queue = "queue";
    public const string Enqueued = "enqueued";
    public const string LeaseHolder = "lease_by";
    public const string LeaseUntil = "lease_until";
    public const string DismissedReporters = "dismissed";

    public static string Serialize(Comment comment) =>
        JsonSerializer.Serialize(CommentDocument.Of(comment), CommentJsonContext.Default.CommentDocument);

    public static string Serialize(ModeratorDecision decision) =>
        JsonSerializer.Serialize(decision, CommentJsonContext.Default.ModeratorDecision);

    public static string Serialize(HistoryEntry entry) =>
        JsonSerializer.Serialize(entry, CommentJsonContext.Default.HistoryEntry);

    public static HistoryEntry ReadHistoryEntry(string json) =>
        JsonSerializer.Deserialize(json, CommentJsonContext.Default.HistoryEntry) ?? throw new InvalidDataException("An empty history entry.");

    public static string StateValue(CommentState state) => ((int)state).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// The hash fields of a record as a flat name/value list: the fields that change with every
    /// change, and the document, author and article when the text is new. A new comment's hash
    /// leaves out the empty ones (readers take a missing field as empty); a change writes them
    /// all, so an emptied field is cleared.
    /// </summary>
    public static IEnumerable<RedisValue> Fields(CommentRecord record, bool withDocument, bool isNew)
    {
        foreach (var (name, value) in AllFields(record, withDocument))
        {
            if (!isNew || !value.IsNullOrEmpty)
            {
                yield return name;
                yield return value;
            }
        }
    }

    private static IEnumerable<(RedisValue Name, RedisValue Value)> AllFields(CommentRecord record, bool withDocument)
    {
        var comment = record.Comment;
        if (withDocument)
        {
            yield return (Document, Serialize(comment));
            yield return (Author, comment.Submission.Author.Id);
            yield return (Article, comment.Submission.ArticleId);
        }

        yield return (State, StateValue(comment.State));
        yield return (Version, comment.Version);
        yield return (Updated, comment.UpdatedAt.ToUnixTimeMilliseconds());
        yield return (ModeratorDecision, comment.ModeratorDecision is { } decision ? Serialize(decision) : "");
        yield return (Queue, record.Place is { } place ? (int)place.Queue : "");
        yield return (Enqueued, record.Place is { } at ? at.EnqueuedAt.ToUnixTimeMilliseconds() : "");
        yield return (LeaseHolder, record.Lease?.ModeratorId ?? "");
        yield return (LeaseUntil, record.Lease is { } lease ? lease.Until.ToUnixTimeMilliseconds() : "");
        yield return (DismissedReporters, record.DismissedReporters == 0 ? "" : record.DismissedReporters);
    }

    /// <summary>A record from its hash and its reporters' count.</summary>
    public static CommentRecord ReadRecord(RedisResultPairs fields, long reporters, bool reportedBy)
    {
        string queue = fields.GetOrEmpty(Queue);
        string holder = fields.GetOrEmpty(LeaseHolder);
        string revision = fields.GetOrEmpty(Revision);
        string dismissed = fields.GetOrEmpty(DismissedReporters);
        var comment = Read(fields);
        return new CommentRecord(
            comment,
            revision.Length == 0 ? -1 : long.Parse(revision, System.Globalization.CultureInfo.InvariantCulture),
            queue.Length == 0
                ? (revision.Length == 0 ? EarlierBuildsPlace(comment) : null)
                : new QueuePlace((QueueKind)int.Parse(queue, System.Globalization.CultureInfo.InvariantCulture), Time(fields.Get(Enqueued))),
            holder.Length == 0 ? null : new Lease(holder, Time(fields.Get(LeaseUntil))),
            (int)reporters,
            dismissed.Length == 0 ? 0 : int.Parse(dismissed, System.Globalization.CultureInfo.InvariantCulture),
            reportedBy);
    }

    /// <summary>
    /// Where a comment stored by a build before revisions waits: those builds kept the pending
    /// queue by creation time and the hidden one by the time of hiding, and no place in the
    /// record. (A reported entry of theirs is not known from the hash; it is listed again once
    /// readers report the comment.)
    /// </summary>
    private static QueuePlace? EarlierBuildsPlace(Comment comment) => comment.State switch
    {
        CommentState.PendingReview => new QueuePlace(QueueKind.Pending, comment.CreatedAt),
        CommentState.HiddenByReports => new QueuePlace(QueueKind.Hidden, comment.UpdatedAt),
        _ => null,
    };

    private static DateTimeOffset Time(string milliseconds) =>
        DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(milliseconds, System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Reads a comment from HGETALL's flat name/value list.</summary>
    public static Comment Read(RedisResultPairs fields)
    {
        var document = JsonSerializer.Deserialize(fields.Get(Document), CommentJsonContext.Default.CommentDocument)
            ?? throw new InvalidDataException("A stored comment has no document.");
        string moderator = fields.GetOrEmpty(ModeratorDecision);
        return new Comment(
            document.Submission,
            document.StoredDecision,
            (CommentState)int.Parse(fields.Get(State), System.Globalization.CultureInfo.InvariantCulture),
            long.Parse(fields.Get(Version), System.Globalization.CultureInfo.InvariantCulture),
            document.CreatedAt,
            DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(fields.Get(Updated), System.Globalization.CultureInfo.InvariantCulture)),
            moderator.Length == 0 ? null : JsonSerializer.Deserialize(moderator, CommentJsonContext.Default.ModeratorDecision));
    }
}
