using Google.Rpc;
using Grpc.Core;
using Moderation.Api.V1;
using Moderation.Server.Auth;

namespace Moderation.Server.Tests;

/// <summary>Every failure a client can cause answers with a defined status and machine-readable details.</summary>
public sealed class ErrorMappingTests(InMemoryServer server) : IClassFixture<InMemoryServer>
{
    private readonly CommentService.CommentServiceClient _comments = new(server.Factory.ChannelFor(Roles.Site));
    private readonly ModerationService.ModerationServiceClient _moderation = new(server.Factory.ChannelFor(Roles.Moderator));

    [Fact]
    public async Task SubmitComment_InvalidFields_IsInvalidArgumentNamingEachField()
    {
        var request = new SubmitCommentRequest { CommentId = "has space", Text = " ", IpAddress = "not-an-ip" };

        var (code, status) = await Requests.FailureOf(() => _comments.SubmitCommentAsync(request).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, code);
        var fields = status.GetDetail<BadRequest>()!.FieldViolations.Select(v => v.Field);
        Assert.Equal(["comment_id", "article_id", "author.id", "text", "ip_address"], fields);
    }

    [Fact]
    public async Task GetComment_UnknownId_IsNotFoundWithTheResource()
    {
        var (code, status) = await Requests.FailureOf(() => _comments.GetCommentAsync(new GetCommentRequest { CommentId = "nope" }).ResponseAsync);

        Assert.Equal(StatusCode.NotFound, code);
        Assert.Equal("nope", status.GetDetail<ResourceInfo>()!.ResourceName);
    }

    [Fact]
    public async Task ListQueue_ForeignPageToken_IsInvalidArgument()
    {
        var (code, status) = await Requests.FailureOf(() => _moderation.ListQueueAsync(
            new ListQueueRequest { Queue = Queue.Pending, PageToken = "forged" }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, code);
        Assert.Equal("page_token", status.GetDetail<BadRequest>()!.FieldViolations.Single().Field);
    }

    [Fact]
    public async Task ListQueue_ForeignPageTokenBesideOtherBadFields_NamesEachField()
    {
        var (code, status) = await Requests.FailureOf(() => _moderation.ListQueueAsync(
            new ListQueueRequest { Queue = Queue.Pending, PageSize = -1, ArticleId = "a b", PageToken = "forged" }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, code);
        Assert.Equal(["page_size", "article_id", "page_token"], status.GetDetail<BadRequest>()!.FieldViolations.Select(v => v.Field));
    }

    [Fact]
    public async Task GetCommentHistory_ForeignPageTokenBesideABadPageSize_NamesBoth()
    {
        var (code, status) = await Requests.FailureOf(() => _moderation.GetCommentHistoryAsync(
            new GetCommentHistoryRequest { CommentId = "c1", PageSize = -1, PageToken = "forged" }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, code);
        Assert.Equal(["page_size", "page_token"], status.GetDetail<BadRequest>()!.FieldViolations.Select(v => v.Field));
    }

    [Fact]
    public async Task ListQueue_OrderTheProtoDoesNotName_IsInvalidArgument()
    {
        var (code, status) = await Requests.FailureOf(() => _moderation.ListQueueAsync(
            new ListQueueRequest { Queue = Queue.Pending, Order = (QueueOrder)9 }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, code);
        Assert.Equal("order", status.GetDetail<BadRequest>()!.FieldViolations.Single().Field);
    }

    [Fact]
    public async Task ClaimComments_QueueTheProtoDoesNotName_IsInvalidArgument()
    {
        var (code, status) = await Requests.FailureOf(() => _moderation.ClaimCommentsAsync(
            new ClaimCommentsRequest { Queue = (Queue)42, MaxItems = 1 }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, code);
        Assert.Equal("queue", status.GetDetail<BadRequest>()!.FieldViolations.Single().Field);
    }

    [Fact]
    public async Task WatchQueue_QueueTheProtoDoesNotName_IsInvalidArgument()
    {
        using var call = _moderation.WatchQueue(new WatchQueueRequest { Queue = (Queue)42 });

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(default));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("queue", error.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations.Single().Field);
    }

    [Fact]
    public async Task DecideComment_ReasonCodeTheProtoDoesNotName_IsInvalidArgument()
    {
        var (code, status) = await Requests.FailureOf(() => _moderation.DecideCommentAsync(
            new DecideCommentRequest { CommentId = "c1", Verdict = Verdict.Approved, ExpectedVersion = 1, ReasonCode = (ReasonCode)77 }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, code);
        Assert.Equal("reason_code", status.GetDetail<BadRequest>()!.FieldViolations.Single().Field);
    }

    [Fact]
    public async Task ReportComment_ReasonTheProtoDoesNotName_IsInvalidArgument()
    {
        var (code, status) = await Requests.FailureOf(() => _comments.ReportCommentAsync(
            new ReportCommentRequest { CommentId = "c1", ReporterId = "r1", Reason = (ReasonCode)(-5) }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, code);
        Assert.Equal("reason", status.GetDetail<BadRequest>()!.FieldViolations.Single().Field);
    }

    [Fact]
    public async Task SubmitComment_TextLengthInCodePoints_AcceptsTheLimitInEmojiAndRefusesOneMore()
    {
        // 10,000 emoji are 10,000 characters as the API counts them (spans in code points), though 20,000 UTF-16 units.
        var atTheLimit = await _comments.SubmitCommentAsync(Requests.Submit(string.Concat(Enumerable.Repeat("😀", 10_000))));
        var (code, status) = await Requests.FailureOf(() => _comments.SubmitCommentAsync(
            Requests.Submit(string.Concat(Enumerable.Repeat("😀", 10_001)))).ResponseAsync);

        Assert.NotEqual(Verdict.Unspecified, atTheLimit.Decision.Verdict);
        Assert.Equal(StatusCode.InvalidArgument, code);
        Assert.Equal("text", status.GetDetail<BadRequest>()!.FieldViolations.Single().Field);
    }

    [Fact]
    public async Task DecideComment_NoVerdict_IsInvalidArgument()
    {
        var (code, status) = await Requests.FailureOf(() => _moderation.DecideCommentAsync(
            new DecideCommentRequest { CommentId = "c1", ExpectedVersion = 1 }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, code);
        Assert.Equal("verdict", status.GetDetail<BadRequest>()!.FieldViolations.Single().Field);
    }

    [Fact]
    public async Task WatchQueue_InvalidArticle_IsInvalidArgument()
    {
        using var call = _moderation.WatchQueue(new WatchQueueRequest { ArticleId = "not an id" });
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(default));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
    }
}
