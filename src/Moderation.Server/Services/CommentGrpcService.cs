using Grpc.Core;
using Moderation.Api.V1;
using Moderation.Core.Events;
using Moderation.Core.Workflow;
using Moderation.Server.Mapping;

namespace Moderation.Server.Services;

/// <summary>
/// moderation.v1.CommentService. Methods not overridden here answer UNIMPLEMENTED until their
/// issue delivers them.
/// </summary>
internal sealed class CommentGrpcService(CommentSubmissionService submissions, ArticleService articles, ReportService reports, DecisionEventService events) : CommentService.CommentServiceBase
{
    public override async Task<ReportCommentResponse> ReportComment(ReportCommentRequest request, ServerCallContext context)
    {
        var result = await reports.ReportAsync(request.CommentId, request.ReporterId, request.Reason.ToReasonCode(), request.Note, context.CancellationToken);
        return new ReportCommentResponse { ReportCount = (uint)result.ReportCount, State = result.State.ToApi(), Duplicate = result.Duplicate };
    }

    public override async Task WatchDecisions(WatchDecisionsRequest request, IServerStreamWriter<WatchDecisionsResponse> responseStream, ServerCallContext context)
    {
        // Headers at once, so a client knows its stream is open before the first event arrives.
        await context.WriteResponseHeadersAsync([]);
        await events.WatchAsync(request.Cursor, request.ArticleIds, e => responseStream.WriteAsync(e.ToApi()), context.CancellationToken);
    }

    public override async Task<UpsertArticleResponse> UpsertArticle(UpsertArticleRequest request, ServerCallContext context) =>
        new() { Article = (await articles.UpsertAsync(request.Article.ToSettings(), context.CancellationToken)).ToApi() };

    public override async Task<SubmitCommentResponse> SubmitComment(SubmitCommentRequest request, ServerCallContext context)
    {
        var result = await submissions.SubmitAsync(request.ToSubmission(), context.CancellationToken);
        return new SubmitCommentResponse
        {
            Decision = result.Comment.Decision.ToApi(),
            State = result.Comment.State.ToApi(),
            Version = result.Comment.Version,
            Replayed = result.Replayed,
        };
    }

    public override async Task<EditCommentResponse> EditComment(EditCommentRequest request, ServerCallContext context)
    {
        var edited = await submissions.EditAsync(request.CommentId, request.AuthorId, request.Text, request.ExpectedVersion, context.CancellationToken);
        return new EditCommentResponse { Decision = edited.Decision.ToApi(), State = edited.State.ToApi(), Version = edited.Version };
    }

    public override async Task<GetCommentResponse> GetComment(GetCommentRequest request, ServerCallContext context) =>
        new() { Comment = (await submissions.GetAsync(request.CommentId, context.CancellationToken)).ToApi() };
}
