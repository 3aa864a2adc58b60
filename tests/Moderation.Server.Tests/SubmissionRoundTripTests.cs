using Moderation.Api.V1;
using Moderation.Server.Auth;
using Moderation.Testing;
using StackExchange.Redis;

namespace Moderation.Server.Tests;

/// <summary>
/// What one new comment costs Redis, counted by Redis itself (INFO commandstats) over a run of
/// submissions on a Redis of its own: one round trip of pipelined reads (the id, the author, the
/// article), then one script that charges the limits and stores the comment together.
/// </summary>
public sealed class SubmissionRoundTripTests : IAsyncLifetime
{
    private const int Comments = 40;
    private readonly RedisServerFixture _redis = new();
    private ModerationServerFactory _server = null!;

    public async Task InitializeAsync()
    {
        await _redis.InitializeAsync();
        _server = new ModerationServerFactory(new Dictionary<string, string?>
        {
            ["Redis:Configuration"] = _redis.Configuration,
            ["Redis:KeyPrefix"] = RedisServerFixture.UniquePrefix(),

            // Off, so its every-2-seconds read of the shared demotions (an HGETALL) is not counted as a submission's.
            ["RuleBrake:Enabled"] = "false",
        });
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task SubmitComment_NewComments_CostFourPipelinedReadsAndOneScriptEach()
    {
        var client = new CommentService.CommentServiceClient(_server.ChannelFor(Roles.Site));
        await client.SubmitCommentAsync(Requests.Submit("A warm-up comment loads the scripts."));
        await using var admin = await ConnectionMultiplexer.ConnectAsync(_redis.Configuration + ",allowAdmin=true");
        var server = admin.GetServer(admin.GetEndPoints()[0]);
        await server.ConfigResetStatisticsAsync();

        for (int i = 0; i < Comments; i++)
        {
            await client.SubmitCommentAsync(Requests.Submit($"A clean comment, number {i}."));
        }

        var calls = (await server.InfoAsync("commandstats")).SelectMany(group => group)
            .ToDictionary(stat => stat.Key.Replace("cmdstat_", "", StringComparison.Ordinal), stat => long.Parse(stat.Value.Split(',')[0].Split('=')[1], System.Globalization.CultureInfo.InvariantCulture));
        double PerComment(string command) => calls.GetValueOrDefault(command) / (double)Comments;

        // The comment's hash and document, the author, the article; then the script.
        Assert.Equal(3, PerComment("hgetall"));
        Assert.Equal(1, PerComment("get"));
        Assert.Equal(1, PerComment("evalsha") + PerComment("eval"));
        Assert.Equal(0, PerComment("eval"));
    }

    /// <summary>A trusted author is exempt from every default limit: nothing to charge, and the comment is still stored.</summary>
    [Fact]
    public async Task SubmitComment_TrustedAuthorOnRedis_IsStored()
    {
        string author = Requests.NewId("trusted");
        await new ModerationService.ModerationServiceClient(_server.ChannelFor(Roles.Moderator))
            .SetAuthorStatusAsync(new SetAuthorStatusRequest { AuthorId = author, Status = AuthorStatus.Trusted });
        var comments = new CommentService.CommentServiceClient(_server.ChannelFor(Roles.Site));

        var request = Requests.Submit("A regular's comment.", author);

        var reply = await comments.SubmitCommentAsync(request);

        Assert.Equal((Verdict.Approved, false), (reply.Decision.Verdict, reply.Replayed));
        Assert.Equal(1, (await comments.GetCommentAsync(new GetCommentRequest { CommentId = request.CommentId })).Comment.Version);
    }
}
