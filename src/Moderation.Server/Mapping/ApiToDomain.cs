using Google.Protobuf.WellKnownTypes;
using Moderation.Core.Comments;
using Moderation.Core.Errors;
using Moderation.Core.Workflow;
using Proto = Moderation.Api.V1;
using CoreVerdict = Moderation.Core.Decisions.Verdict;

namespace Moderation.Server.Mapping;

/// <summary>Requests to domain values. Validation is Core's; this only translates shapes.</summary>
internal static class ApiToDomain
{
    public static CommentSubmission ToSubmission(this Proto.SubmitCommentRequest request) => new(
        request.CommentId,
        request.ArticleId,
        request.Author is null ? new AuthorProfile("") : request.Author.ToProfile(),
        request.Text,
        NullIfEmpty(request.ParentId),
        NullIfEmpty(request.IpAddress),
        NullIfEmpty(request.UserAgent));

    public static AuthorProfile ToProfile(this Proto.Author author) => new(
        author.Id,
        author.CreatedAt?.ToDateTimeOffsetOrViolation("author.created_at"),
        NullIfEmpty(author.DisplayName),
        author.EmailVerified,
        author.Subscriber);

    /// <summary>Null for unspecified, so Core reports the missing field; a number the proto does not name stays undefined, so Core reports it.</summary>
    public static QueueKind? ToQueueKind(this Proto.Queue queue) => queue switch
    {
        Proto.Queue.Unspecified => null,
        Proto.Queue.Pending => QueueKind.Pending,
        Proto.Queue.Reported => QueueKind.Reported,
        Proto.Queue.Hidden => QueueKind.Hidden,
        _ => 0,
    };

    /// <summary>Unspecified is oldest first; a number the proto does not name stays undefined, so Core reports it.</summary>
    public static QueueOrder ToQueueOrder(this Proto.QueueOrder order) => order switch
    {
        Proto.QueueOrder.Unspecified or Proto.QueueOrder.OldestFirst => QueueOrder.OldestFirst,
        Proto.QueueOrder.HighestScoreFirst => QueueOrder.HighestScoreFirst,
        _ => 0,
    };

    /// <summary>Null for anything a moderator cannot decide, so Core reports the field.</summary>
    public static CoreVerdict? ToModeratorVerdict(this Proto.Verdict verdict) => verdict switch
    {
        Proto.Verdict.Approved => CoreVerdict.Approved,
        Proto.Verdict.Rejected => CoreVerdict.Rejected,
        _ => null,
    };

    /// <summary>A number the proto does not name stays undefined, so Core reports the field.</summary>
    public static ReasonCode ToReasonCode(this Proto.ReasonCode code) => code switch
    {
        Proto.ReasonCode.Unspecified => ReasonCode.Unspecified,
        Proto.ReasonCode.Spam => ReasonCode.Spam,
        Proto.ReasonCode.Abuse => ReasonCode.Abuse,
        Proto.ReasonCode.OffTopic => ReasonCode.OffTopic,
        Proto.ReasonCode.PersonalInformation => ReasonCode.PersonalInformation,
        Proto.ReasonCode.Other => ReasonCode.Other,
        _ => (ReasonCode)(-1),
    };

    /// <summary>Null for unspecified, so Core reports the missing field.</summary>
    public static AuthorStatus? ToAuthorStatus(this Proto.AuthorStatus status) => status switch
    {
        Proto.AuthorStatus.Normal => AuthorStatus.Normal,
        Proto.AuthorStatus.Trusted => AuthorStatus.Trusted,
        Proto.AuthorStatus.Premoderated => AuthorStatus.Premoderated,
        Proto.AuthorStatus.Suspended => AuthorStatus.Suspended,
        Proto.AuthorStatus.Banned => AuthorStatus.Banned,
        _ => null,
    };

    /// <summary>An undefined mode stays undefined, so Core reports the field.</summary>
    public static ArticleSettings? ToSettings(this Proto.Article? article) => article is null
        ? null
        : new ArticleSettings(
            article.ArticleId,
            article.Mode switch
            {
                Proto.ArticleMode.Open => ArticleMode.Open,
                Proto.ArticleMode.Premoderated => ArticleMode.Premoderated,
                Proto.ArticleMode.Closed => ArticleMode.Closed,
                _ => 0,
            },
            article.ClosesAt?.ToDateTimeOffsetOrViolation("article.closes_at"),
            article.PublishedAt?.ToDateTimeOffsetOrViolation("article.published_at"));

    /// <summary>
    /// A Timestamp a client built by hand may be out of range (nanos past 999,999,999, seconds
    /// past year 9999); converting such a value throws, so it is reported as the bad field it is.
    /// </summary>
    public static DateTimeOffset ToDateTimeOffsetOrViolation(this Timestamp timestamp, string field)
    {
        if (timestamp.Nanos is >= 0 and <= 999_999_999 && timestamp.Seconds is >= MinTimestampSeconds and <= MaxTimestampSeconds)
        {
            return timestamp.ToDateTimeOffset();
        }

        throw new InvalidRequestException([new FieldViolation(field, "Not a valid timestamp (0001-01-01 to 9999-12-31, nanos 0 to 999,999,999).")]);
    }

    /// <summary>
    /// A Duration a client built by hand may not be normalized (nanos past ±999,999,999, nanos
    /// and seconds of opposite signs, seconds past ±10,000 years); it is reported as the bad field.
    /// </summary>
    public static TimeSpan ToTimeSpanOrViolation(this Duration duration, string field)
    {
        bool normalized = duration.Seconds is >= -MaxDurationSeconds and <= MaxDurationSeconds
            && duration.Nanos is >= -999_999_999 and <= 999_999_999
            && !(duration.Seconds > 0 && duration.Nanos < 0) && !(duration.Seconds < 0 && duration.Nanos > 0);
        return normalized
            ? duration.ToTimeSpan()
            : throw new InvalidRequestException([new FieldViolation(field, "Not a valid duration (seconds within ±315,576,000,000, nanos within ±999,999,999 and of the same sign).")]);
    }

    private const long MaxDurationSeconds = 315_576_000_000;
    private const long MinTimestampSeconds = -62_135_596_800;
    private const long MaxTimestampSeconds = 253_402_300_799;

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
