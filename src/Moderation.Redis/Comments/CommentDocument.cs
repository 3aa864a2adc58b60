using System.Text.Json;
using System.Text.Json.Serialization;
using Moderation.Core.Comments;
using Moderation.Core.Decisions;

namespace Moderation.Redis.Comments;

/// <summary>
/// The parts of a comment that never change after submission, stored as one JSON field. The
/// fields scripts must read or change (state, version, moderator decision) live beside it in
/// the hash, so Lua never parses JSON.
/// </summary>
internal sealed record CommentDocument(CommentSubmission Submission, Decision Decision, DateTimeOffset CreatedAt);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true)]
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

    public static string Serialize(Comment comment) =>
        JsonSerializer.Serialize(new CommentDocument(comment.Submission, comment.Decision, comment.CreatedAt), CommentJsonContext.Default.CommentDocument);

    public static string Serialize(ModeratorDecision decision) =>
        JsonSerializer.Serialize(decision, CommentJsonContext.Default.ModeratorDecision);

    public static string Serialize(HistoryEntry entry) =>
        JsonSerializer.Serialize(entry, CommentJsonContext.Default.HistoryEntry);

    public static HistoryEntry ReadHistoryEntry(string json) =>
        JsonSerializer.Deserialize(json, CommentJsonContext.Default.HistoryEntry) ?? throw new InvalidDataException("An empty history entry.");

    public static string StateValue(CommentState state) => ((int)state).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Reads a comment from HGETALL's flat name/value list.</summary>
    public static Comment Read(RedisResultPairs fields)
    {
        var document = JsonSerializer.Deserialize(fields.Get(Document), CommentJsonContext.Default.CommentDocument)
            ?? throw new InvalidDataException("A stored comment has no document.");
        string moderator = fields.GetOrEmpty(ModeratorDecision);
        return new Comment(
            document.Submission,
            document.Decision,
            (CommentState)int.Parse(fields.Get(State), System.Globalization.CultureInfo.InvariantCulture),
            long.Parse(fields.Get(Version), System.Globalization.CultureInfo.InvariantCulture),
            document.CreatedAt,
            DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(fields.Get(Updated), System.Globalization.CultureInfo.InvariantCulture)),
            moderator.Length == 0 ? null : JsonSerializer.Deserialize(moderator, CommentJsonContext.Default.ModeratorDecision));
    }
}
