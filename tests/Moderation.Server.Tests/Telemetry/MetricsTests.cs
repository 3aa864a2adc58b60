using System.Net;
using Grpc.Core;
using Moderation.Api.V1;
using Moderation.Server.Auth;
using Moderation.Server.Tests.ModeratorConsole;

namespace Moderation.Server.Tests.Telemetry;

/// <summary>What Prometheus sees at /metrics on the HTTP/1.1 endpoint after a few calls.</summary>
public sealed class MetricsTests(ConsoleServer server) : IClassFixture<ConsoleServer>
{
    [Fact]
    public async Task Metrics_AfterDecisionsAndARefusal_ExposeTheServiceSeries()
    {
        var comments = new CommentService.CommentServiceClient(server.ChannelFor(Roles.Site));
        string author = Requests.NewId("author");
        await comments.SubmitCommentAsync(Requests.Submit("Thank you for the careful reporting."));
        await comments.SubmitCommentAsync(Requests.Submit("What an idiot."));
        for (int i = 0; i < 6; i++)
        {
            try
            {
                await comments.SubmitCommentAsync(Requests.Submit($"Comment number {i} from one author.", author));
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.ResourceExhausted)
            {
            }
        }

        using var client = server.NewBrowserlikeClient();
        string metrics = await EventuallyAsync(client, text => text.Contains("moderation_queue_depth{", StringComparison.Ordinal));

        Assert.Contains("moderation_decisions_total{", metrics, StringComparison.Ordinal);
        Assert.Contains("verdict=\"approved\"", metrics, StringComparison.Ordinal);
        Assert.Contains("verdict=\"pendingreview\"", metrics, StringComparison.Ordinal);
        Assert.Contains("moderation_rule_matches_total{", metrics, StringComparison.Ordinal);
        Assert.Contains("rule=\"insults\"", metrics, StringComparison.Ordinal);
        Assert.Contains("moderation_ratelimit_refusals_total{", metrics, StringComparison.Ordinal);
        Assert.Contains("limit=\"author\"", metrics, StringComparison.Ordinal);
        Assert.Contains("queue=\"pending\"", metrics, StringComparison.Ordinal);
        Assert.Contains("moderation_queue_oldest_age_seconds{", metrics, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^moderation_ratelimit_degraded(\{[^}]*\})? 0( \d+)?$", metrics);
        Assert.Contains("http_server_request_duration_seconds_bucket{", metrics, StringComparison.Ordinal);
        Assert.Contains("/moderation.v1.CommentService/SubmitComment", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_OnTheGrpcPort_AreNotServed()
    {
        using var grpcPort = new HttpClient { BaseAddress = server.GrpcUrl, DefaultRequestVersion = HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };

        using var response = await grpcPort.GetAsync(new Uri("/metrics", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    /// <summary>The scrape once <paramref name="ready"/> holds (the queue gauges are read every few seconds), polled until a deadline.</summary>
    private static async Task<string> EventuallyAsync(HttpClient client, Func<string, bool> ready)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            string text = await client.GetStringAsync(new Uri("/metrics", UriKind.Relative));
            if (ready(text) || DateTime.UtcNow > until)
            {
                return text;
            }

            await Task.Delay(200);
        }
    }
}
