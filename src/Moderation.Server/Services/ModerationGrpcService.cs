using Grpc.Core;
using Moderation.Api.V1;
using Moderation.Core.Workflow;
using Moderation.Server.Auth;
using Moderation.Server.Mapping;

namespace Moderation.Server.Services;

/// <summary>
/// moderation.v1.ModerationService. Methods not overridden here answer UNIMPLEMENTED until
/// their issue delivers them.
/// </summary>
internal sealed class ModerationGrpcService(ModerationQueueService queue, QueueWatchService watcher, TimeProvider timeProvider) : ModerationService.ModerationServiceBase
{
    public override async Task WatchQueue(WatchQueueRequest request, IServerStreamWriter<WatchQueueResponse> responseStream, ServerCallContext context)
    {
        // Headers at once, so a client knows its stream is open while the queues are empty.
        await context.WriteResponseHeadersAsync([]);
        await watcher.WatchAsync(request.Queue.ToQueueKind(), request.ArticleId, e => responseStream.WriteAsync(e.ToApi()), context.CancellationToken);
    }

    public override async Task<ClaimCommentsResponse> ClaimComments(ClaimCommentsRequest request, ServerCallContext context)
    {
        var items = await queue.ClaimAsync(
            request.Queue.ToQueueKind(), (int)Math.Min(request.MaxItems, int.MaxValue), request.LeaseDuration?.ToTimeSpanOrViolation("lease_duration"), request.ArticleId, CallerIdentity.Of(context), context.CancellationToken);
        return new ClaimCommentsResponse { Items = { items.Select(item => item.ToApi()) } };
    }

    public override async Task<ReleaseCommentsResponse> ReleaseComments(ReleaseCommentsRequest request, ServerCallContext context) =>
        new() { ReleasedCommentIds = { await queue.ReleaseAsync(request.CommentIds, CallerIdentity.Of(context), context.CancellationToken) } };

    public override async Task<GetQueueStatsResponse> GetQueueStats(GetQueueStatsRequest request, ServerCallContext context)
    {
        var now = timeProvider.GetUtcNow();
        var stats = await queue.GetQueueStatsAsync(request.ArticleId, context.CancellationToken);
        return new GetQueueStatsResponse { Queues = { stats.Select(s => s.ToApi(now)) } };
    }

    public override async Task<ListQueueResponse> ListQueue(ListQueueRequest request, ServerCallContext context)
    {
        var page = await queue.ListQueueAsync(
            request.Queue.ToQueueKind(), request.PageSize, request.PageToken, request.ArticleId, request.AuthorId,
            request.Order.ToQueueOrder(), context.CancellationToken);
        return new ListQueueResponse
        {
            Items = { page.Items.Select(item => item.ToApi()) },
            NextPageToken = page.NextPageToken ?? "",
        };
    }

    public override async Task<GetCommentHistoryResponse> GetCommentHistory(GetCommentHistoryRequest request, ServerCallContext context)
    {
        var (entries, next) = await queue.GetHistoryAsync(request.CommentId, request.PageSize, request.PageToken, context.CancellationToken);
        return new GetCommentHistoryResponse { Entries = { entries.Select(e => e.ToApi()) }, NextPageToken = next ?? "" };
    }

    public override async Task<SetAuthorStatusResponse> SetAuthorStatus(SetAuthorStatusRequest request, ServerCallContext context)
    {
        var (author, rejected) = await queue.SetAuthorStatusAsync(
            request.AuthorId,
            request.Status.ToAuthorStatus(),
            request.SuspendedUntil?.ToDateTimeOffsetOrViolation("suspended_until"),
            request.RejectPending,
            request.Note,
            CallerIdentity.Of(context),
            context.CancellationToken);
        var standing = author.ToApi();
        return new SetAuthorStatusResponse
        {
            AuthorId = standing.AuthorId,
            Status = standing.Status,
            SuspendedUntil = standing.SuspendedUntil,
            ApprovedCount = standing.ApprovedCount,
            RejectedCount = standing.RejectedCount,
            RejectedPendingCount = (uint)rejected,
        };
    }

    public override async Task<GetAuthorResponse> GetAuthor(GetAuthorRequest request, ServerCallContext context)
    {
        var (author, recent) = await queue.GetAuthorAsync(request.AuthorId, context.CancellationToken);
        var reply = author.ToApi();
        reply.RecentComments.AddRange(recent.Select(comment => comment.ToApi()));
        return reply;
    }

    public override async Task<DecideCommentResponse> DecideComment(DecideCommentRequest request, ServerCallContext context)
    {
        var result = await queue.DecideAsync(
            request.CommentId,
            request.Verdict.ToModeratorVerdict(),
            request.ReasonCode.ToReasonCode(),
            request.Note,
            request.ExpectedVersion,
            CallerIdentity.Of(context),
            context.CancellationToken,
            request.OverrideLease);
        return new DecideCommentResponse { Comment = result.Comment.ToApi(), Unchanged = result.Unchanged, ReportsDismissed = (uint)result.ReportsDismissed };
    }
}
