using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Moderation.Core.Errors;

namespace Moderation.Server.Errors;

/// <summary>
/// The one place where failures become gRPC statuses, with google.rpc rich details in the
/// <c>grpc-status-details-bin</c> trailer so clients can act on them without parsing text.
/// </summary>
internal static class GrpcErrors
{
    private const string Domain = "moderation.v1";

    public static RpcException ToRpcException(ModerationException exception) => exception switch
    {
        InvalidRequestException invalid => Build(Code.InvalidArgument, invalid.Message, new BadRequest
        {
            FieldViolations =
            {
                invalid.Violations.Select(v => new BadRequest.Types.FieldViolation { Field = v.Field, Description = v.Description }),
            },
        }),
        RateLimitExceededException limited => Build(
            Code.ResourceExhausted,
            limited.Message,
            new RetryInfo { RetryDelay = Duration.FromTimeSpan(RoundUpToMilliseconds(limited.Decision.RetryAfter)) },
            new QuotaFailure
            {
                Violations =
                {
                    new QuotaFailure.Types.Violation
                    {
                        Subject = limited.Decision.SubjectKind,
                        Description = $"Rate limit '{limited.Decision.PolicyName}' per {limited.Decision.SubjectKind} exceeded.",
                    },
                },
            }),
        CommentNotFoundException notFound => Build(Code.NotFound, notFound.Message, new ResourceInfo
        {
            ResourceType = "comment",
            ResourceName = notFound.CommentId,
        }),
        RuleNotFoundException notFound => Build(Code.NotFound, notFound.Message, new ResourceInfo
        {
            ResourceType = "rule",
            ResourceName = notFound.RuleId,
            Description = "No rule in force has this id; GetRules lists them.",
        }),
        CommentConflictException conflict => Build(Code.AlreadyExists, conflict.Message, new ResourceInfo
        {
            ResourceType = "comment",
            ResourceName = conflict.CommentId,
            Description = "Submitted before with different content.",
        }),
        VersionMismatchException stale => Build(Code.Aborted, stale.Message, new ErrorInfo
        {
            Reason = "VERSION_MISMATCH",
            Domain = Domain,
            Metadata =
            {
                ["expected_version"] = stale.ExpectedVersion.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["current_version"] = stale.CurrentVersion.ToString(System.Globalization.CultureInfo.InvariantCulture),
            },
        }),
        StorageUnavailableException unavailable => Build(Code.Unavailable, unavailable.Message),
        Core.Events.CursorExpiredException expired => Build(Code.OutOfRange, expired.Message, new BadRequest
        {
            FieldViolations = { new BadRequest.Types.FieldViolation { Field = "cursor", Description = "Older than the event retention." } },
        }),
        NotTheAuthorException notAuthor => Build(Code.PermissionDenied, notAuthor.Message),
        CommentNotEditableException notEditable => Build(Code.FailedPrecondition, notEditable.Message, new PreconditionFailure
        {
            Violations = { new PreconditionFailure.Types.Violation { Type = "COMMENT_NOT_EDITABLE", Subject = "comment:" + notEditable.CommentId, Description = notEditable.Message } },
        }),
        LeaseHeldException leased => Build(Code.FailedPrecondition, leased.Message, new PreconditionFailure
        {
            Violations = { new PreconditionFailure.Types.Violation { Type = "LEASE_HELD", Subject = "comment:" + leased.CommentId, Description = $"Leased to '{leased.Holder}' until {leased.Until:O}; pass override_lease to take it over." } },
        }),
        ArticleClosedException closed => Build(Code.FailedPrecondition, closed.Message, new PreconditionFailure
        {
            Violations = { new PreconditionFailure.Types.Violation { Type = "ARTICLE_CLOSED", Subject = "article:" + closed.ArticleId, Description = "The article takes no more comments." } },
        }),
        _ => Build(Code.Internal, "Internal error."),
    };

    /// <summary>A request whose bytes are not a valid message of its type.</summary>
    public static RpcException MalformedRequest(string messageType, string? field, Exception parseError)
    {
        ArgumentNullException.ThrowIfNull(parseError);
        string description = field is null
            ? $"Not a valid {messageType} message: {parseError.Message}"
            : "Not valid UTF-8: a string must be whole characters (was a text cut in the middle of one?).";
        return Build(Code.InvalidArgument, $"The request is not a valid {messageType} message" + (field is null ? $": {parseError.Message}" : $"; field '{field}' is not valid UTF-8."), new BadRequest
        {
            FieldViolations = { new BadRequest.Types.FieldViolation { Field = field ?? "", Description = description } },
        });
    }

    /// <summary>For failures that are not the caller's: the details stay in the log.</summary>
    public static RpcException Internal() => Build(Code.Internal, "Internal error; it has been logged.");

    private static RpcException Build(Code code, string message, params Google.Protobuf.IMessage[] details)
    {
        var status = new Google.Rpc.Status { Code = (int)code, Message = message };
        foreach (var detail in details)
        {
            status.Details.Add(Any.Pack(detail));
        }

        return status.ToRpcException();
    }

    // A client that waits the rounded-down delay would be refused again.
    private static TimeSpan RoundUpToMilliseconds(TimeSpan delay) =>
        TimeSpan.FromMilliseconds(Math.Ceiling(delay.TotalMilliseconds));
}
