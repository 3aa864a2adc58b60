using Grpc.Core;
using Grpc.Health.V1;
using Moderation.Api.V1;
using Moderation.Server.Auth;

namespace Moderation.Server.Tests;

/// <summary>
/// Nothing acknowledged is lost across a restart: the service's redis-server (AOF on, fsync every
/// second, as docker-compose runs it) is shut down and started again between a submission and
/// its decision. A crash (SIGKILL) is another matter: with everysec, Redis may acknowledge writes
/// it has not yet handed to the kernel, so up to about two seconds can be lost (docs/operations).
/// </summary>
public sealed class DurabilityTests(RedisBackedServer server) : IClassFixture<RedisBackedServer>
{
    [Fact]
    public async Task SubmitThenRedisRestart_CommentQueueAndHistorySurviveAndCanBeDecided()
    {
        var comments = new CommentService.CommentServiceClient(server.Factory.ChannelFor(Roles.Site));
        var moderation = new ModerationService.ModerationServiceClient(server.Factory.ChannelFor(Roles.Moderator));
        string author = Requests.NewId("u");
        var request = Requests.Submit("That is bullshit.", author);
        var acknowledged = await comments.SubmitCommentAsync(request);

        await server.Redis.ShutdownAsync();
        await server.Redis.StartAsync();
        // The client reconnects on its own; health shows when it sees Redis again.
        await HealthPolling.WaitForAsync(
            server.Factory.ChannelWithToken(null), HealthCheckResponse.Types.ServingStatus.Serving, TimeSpan.FromSeconds(30), "The service did not reconnect to the restarted Redis in time.");

        var stored = (await comments.GetCommentAsync(new GetCommentRequest { CommentId = request.CommentId })).Comment;
        var queue = await moderation.ListQueueAsync(new ListQueueRequest { Queue = Queue.Pending, AuthorId = author });
        var decided = await moderation.DecideCommentAsync(new DecideCommentRequest { CommentId = request.CommentId, Verdict = Verdict.Approved, ExpectedVersion = stored.Version });
        var history = await moderation.GetCommentHistoryAsync(new GetCommentHistoryRequest { CommentId = request.CommentId });

        Assert.Equal(CommentState.PendingReview, acknowledged.State);
        Assert.Equal((CommentState.PendingReview, 1L), (stored.State, stored.Version));
        Assert.Single(queue.Items);
        Assert.Equal(CommentState.Approved, decided.Comment.State);
        Assert.Equal(["submitted", "approved"], history.Entries.Select(e => e.Action));
    }
}
