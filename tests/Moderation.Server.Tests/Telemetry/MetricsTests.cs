using System.Net;
using System.Text.RegularExpressions;
using Grpc.Core;
using Moderation.Api.V1;
using Moderation.Server.Auth;
using Moderation.Server.Tests.ModeratorConsole;
using static Moderation.Server.Tests.DeploymentFiles;

namespace Moderation.Server.Tests.Telemetry;

/// <summary>What Prometheus sees at /metrics on the HTTP/1.1 endpoint after a few calls.</summary>
public sealed partial class MetricsTests(ConsoleServer server) : IClassFixture<ConsoleServer>
{
    [Fact]
    public async Task Metrics_AfterDecisionsAndARefusal_ExposeTheServiceSeries()
    {
        await SubmitDecisionsAndARefusalAsync();

        using var client = server.NewBrowserlikeClient();
        string metrics = await EventuallyAsync(client, "/metrics", text => text.Contains("moderation_queue_depth{", StringComparison.Ordinal));

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
        Assert.Matches("""http_server_request_duration_seconds_count\{[^}]*http_route="/moderation.v1.CommentService/SubmitComment"[^}]*rpc_grpc_status_code="0"[^}]*\}""", metrics);
        Assert.Matches("""http_server_request_duration_seconds_count\{[^}]*http_route="/moderation.v1.CommentService/SubmitComment"[^}]*rpc_grpc_status_code="8"[^}]*\}""", metrics);
    }

    /// <summary>
    /// The Grafana dashboard against a real scrape, at the path Prometheus is configured to
    /// scrape: a renamed series or label would otherwise leave a panel silently empty.
    /// </summary>
    [Fact]
    public async Task Metrics_EverySeriesAndLabelTheDashboardQueries_IsExported()
    {
        var targets = DashboardPanels().SelectMany(p => p.Targets).ToList();
        var queried = targets.SelectMany(t => PromQlNames.Metrics(t.Expr)).ToHashSet(StringComparer.Ordinal);
        string metricsPath = Scalar(Single(Yaml(PrometheusConfig), "scrape_configs"), "metrics_path");
        await SubmitDecisionsAndARefusalAsync();

        using var client = server.NewBrowserlikeClient();
        var exported = LabelsBySeries(await EventuallyAsync(client, metricsPath, text => queried.IsSubsetOf(LabelsBySeries(text).Keys)));

        Assert.All(targets, target =>
        {
            var series = PromQlNames.Metrics(target.Expr);
            Assert.All(series, name => Assert.True(exported.ContainsKey(name), $"{name}, queried by '{target.Expr}', is not exported"));
            var labels = series.SelectMany(name => exported[name]).ToHashSet(StringComparer.Ordinal);
            Assert.All(PromQlNames.Labels(target.Expr, target.LegendFormat), label => Assert.True(labels.Contains(label), $"No series '{target.Expr}' queries has the label {label}"));
        });
    }

    [Fact]
    public async Task Metrics_OnTheGrpcPort_AreNotServed()
    {
        using var grpcPort = new HttpClient { BaseAddress = server.GrpcUrl, DefaultRequestVersion = HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };

        using var response = await grpcPort.GetAsync(new Uri("/metrics", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    /// <summary>An approved comment, one held by the insults rule, and a sixth comment in a minute from one author (refused).</summary>
    private async Task SubmitDecisionsAndARefusalAsync()
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
    }

    /// <summary>The scrape once <paramref name="ready"/> holds (the queue gauges are read every few seconds), polled until a deadline.</summary>
    private static async Task<string> EventuallyAsync(HttpClient client, string path, Func<string, bool> ready)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            string text = await client.GetStringAsync(new Uri(path, UriKind.Relative));
            if (ready(text) || DateTime.UtcNow > until)
            {
                return text;
            }

            await Task.Delay(200);
        }
    }

    /// <summary>Each sample name in a Prometheus text scrape, with every label name it is exported with.</summary>
    private static Dictionary<string, HashSet<string>> LabelsBySeries(string scrape)
    {
        var series = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (string line in scrape.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (line.StartsWith('#'))
            {
                continue;
            }

            int end = line.IndexOfAny(['{', ' ']);
            string name = end < 0 ? line : line[..end];
            if (!series.TryGetValue(name, out var labels))
            {
                series[name] = labels = new HashSet<string>(StringComparer.Ordinal);
            }

            if (end >= 0 && line[end] == '{')
            {
                labels.UnionWith(Label().Matches(line[end..]).Select(m => m.Groups[1].Value));
            }
        }

        return series;
    }

    // A label and its quoted value, escapes included, so a comma or brace in a value is not a boundary.
    [GeneratedRegex(@"([A-Za-z_][A-Za-z0-9_]*)=""(?:[^""\\]|\\.)*""")]
    private static partial Regex Label();
}
