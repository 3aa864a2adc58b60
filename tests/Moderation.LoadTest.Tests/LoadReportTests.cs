using System.Text.Json;
using System.Text.RegularExpressions;
using Grpc.Core;
using HdrHistogram;
using Microsoft.Playwright;
using Moderation.Api.V1;
using Moderation.LoadTest;
using Moderation.Testing.Browser;

namespace Moderation.LoadTest.Tests;

public sealed partial class LoadReportTests(Chromium chromium) : IClassFixture<Chromium>
{
    [Fact]
    public void Json_Result_HasEverySecondAndTheCostsPerCall()
    {
        var result = Result();

        using var json = JsonDocument.Parse(LoadReport.Json(result));

        Assert.Equal(result.Samples.Count, json.RootElement.GetProperty("seconds_series").GetArrayLength());
        Assert.Equal(50.0, json.RootElement.GetProperty("server_cpu_us_per_call").GetDouble());
        Assert.Equal(2.0, json.RootElement.GetProperty("redis_calls_per_call").GetDouble());
        Assert.Equal(900, json.RootElement.GetProperty("mix").GetProperty("clean").GetInt64());
    }

    [Fact]
    public void Markdown_ServerPidThatDidNoWork_SaysItIsNotTheService()
    {
        var measured = Result();
        var wrongProcess = measured with { Cost = new ServerCost(TimeSpan.FromMicroseconds(300), null, null, null), Options = measured.Options with { ServerPid = 4242 } };

        Assert.Contains("--server-pid 4242 did almost no work", LoadReport.Markdown(wrongProcess), StringComparison.Ordinal);
        Assert.DoesNotContain("did almost no work", LoadReport.Markdown(measured), StringComparison.Ordinal);
    }

    [Fact]
    public void Html_Result_FetchesNothing()
    {
        string html = LoadReport.Html(Result());

        Assert.DoesNotMatch(ExternalReference(), html);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Html_InABrowser_DrawsEverySecondAndTheDistributionWithoutARequest()
    {
        var result = Result();
        string file = Path.Combine(Directory.CreateTempSubdirectory("load-html-").FullName, "report.html");
        await File.WriteAllTextAsync(file, LoadReport.Html(result));
        await using var context = await chromium.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var requests = new List<string>();
        page.Request += (_, request) => requests.Add(request.Url);

        await page.GotoAsync(new Uri(file).AbsoluteUri);

        var overTime = page.Locator("#over-time");
        var distribution = page.Locator("#distribution");
        Assert.True((await overTime.BoundingBoxAsync())?.Width > 300, "the chart over time is not drawn");
        Assert.True((await distribution.BoundingBoxAsync())?.Width > 300, "the distribution is not drawn");
        Assert.Equal(result.Samples.Count, await overTime.Locator("rect").CountAsync());
        string points = await overTime.Locator("polyline[data-series=p99]").GetAttributeAsync("points") ?? "";
        Assert.Equal(result.Samples.Count, points.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.True(await distribution.Locator("polyline").CountAsync() == 1, "no percentile curve");
        Assert.Equal([new Uri(file).AbsoluteUri], requests);
        Assert.Contains("99.9%", await distribution.TextContentAsync() ?? "", StringComparison.Ordinal);
    }

    [GeneratedRegex("""(src|href)\s*=\s*["']?\s*(https?:|//)""", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalReference();

    private static LoadResult Result()
    {
        var latency = new LongHistogram(1, 60_000_000, 3);
        for (int i = 1; i <= 1_000; i++)
        {
            latency.RecordValue(i * 20);
        }

        var samples = Enumerable.Range(1, 10).Select(s => new LoadSample(s, 100, s == 5 ? 3 : 0, 4 + s, 12 + s, 20 + s, 300_000_000 + s)).ToList();
        var options = new LoadOptions(new Uri("http://127.0.0.1:5000"), null, "mix", TimeSpan.FromSeconds(10), TimeSpan.Zero, 16, 2, 1, Rate: 100);
        return new LoadResult(options, 10, 1_000, latency, new Dictionary<StatusCode, long> { [StatusCode.OK] = 997, [StatusCode.ResourceExhausted] = 3 }, new Dictionary<Verdict, long> { [Verdict.Approved] = 990 }, TimeSpan.FromMilliseconds(40))
        {
            Samples = samples,
            Kinds = new Dictionary<string, long> { ["clean"] = 900, ["report"] = 100 },
            Cost = new ServerCost(TimeSpan.FromMilliseconds(50), null, 8_000_000, 2_000),
        };
    }
}
