using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
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

// Defaults (nulls, false, zero) are left out: a missing property reads as the default.
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault)]
[JsonSerializable(typeof(CommentDocument))]
[JsonSerializable(typeof(ModeratorDecision))]
[JsonSerializable(typeof(StoredHistoryEntry))]
[JsonSerializable(typeof(HistoryEntry))]
internal sealed partial class CommentJsonContext : JsonSerializerContext;

/// <summary>
/// The options every stored JSON is written and read with. Letters outside ASCII (Cyrillic,
/// Hangul) are written as UTF-8, two or three bytes each, not as six-byte \u escapes: this JSON
/// goes to Redis only, never into a page. Properties computed from others (a decision's author
/// message, a document's stored decision) are not stored.
/// </summary>
internal static class StoredJson
{
    private static readonly JsonSerializerOptions Options = new(CommentJsonContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        TypeInfoResolver = CommentJsonContext.Default.WithAddedModifier(StoredPropertiesOnly),
    };

    public static JsonTypeInfo<T> Info<T>() => (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T));

    private static void StoredPropertiesOnly(JsonTypeInfo type)
    {
        if (type.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        for (int i = type.Properties.Count - 1; i >= 0; i--)
        {
            if (type.Properties[i] is { Set: null, AssociatedParameter: null })
            {
                type.Properties.RemoveAt(i);
            }
        }
    }
}

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

    /// <summary>The document as UTF-8, the bytes Redis stores (a string would be twice the size, and encoded again).</summary>
    public static byte[] Serialize(Comment comment) =>
        JsonSerializer.SerializeToUtf8Bytes(CommentDocument.Of(comment), StoredJson.Info<CommentDocument>());

    public static string Serialize(ModeratorDecision decision) =>
        JsonSerializer.Serialize(decision, StoredJson.Info<ModeratorDecision>());

    public static string StateValue(CommentState state) => ((int)state).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// The hash fields of a record as a flat name/value list: the fields that change with every
    /// change, and the author and article when the text is new (the document then goes to its
    /// own key, <see cref="RedisKeys.Document"/>). A new comment's hash
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
        var document = ReadDocument(fields.Get(Document))
            ?? throw new InvalidDataException("A stored comment has no document.");
        string moderator = fields.GetOrEmpty(ModeratorDecision);
        return new Comment(
            document.Submission,
            document.StoredDecision,
            (CommentState)int.Parse(fields.Get(State), System.Globalization.CultureInfo.InvariantCulture),
            long.Parse(fields.Get(Version), System.Globalization.CultureInfo.InvariantCulture),
            document.CreatedAt,
            DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(fields.Get(Updated), System.Globalization.CultureInfo.InvariantCulture)),
            moderator.Length == 0 ? null : JsonSerializer.Deserialize(moderator, StoredJson.Info<ModeratorDecision>()));
    }

    public static CommentDocument? ReadDocument(string json) =>
        JsonSerializer.Deserialize(json, StoredJson.Info<CommentDocument>());
}
