using Grpc.Core;
using HdrHistogram;
using Moderation.Api.V1;
using Moderation.LoadTest;

namespace Moderation.LoadTest.Tests;

public sealed class CompareRunTests
{
    [Fact]
    public void Median_OddAndEvenRounds_IsTheMiddleValue()
    {
        Assert.Equal(200, CompareRun.Median([Round(100, 10), Round(300, 10), Round(200, 10)], r => r.Rps));
        Assert.Equal(250, CompareRun.Median([Round(100, 10), Round(300, 10), Round(200, 10), Round(400, 10)], r => r.Rps));
        Assert.Null(CompareRun.Median([Round(100, 10)], r => null));
    }

    [Fact]
    public void Markdown_TwoMethods_GivesTheRatiosToTheFirst()
    {
        var methods = new List<(string, IReadOnlyList<LoadResult>)>
        {
            ("health", [Round(1_000, 40), Round(1_200, 40), Round(800, 40)]),
            ("submit", [Round(500, 120), Round(400, 120), Round(600, 120)]),
        };

        string markdown = CompareRun.Markdown(methods);

        string submit = markdown.Split('\n').Single(line => line.StartsWith("| submit", StringComparison.Ordinal));
        var cells = submit.Split('|', StringSplitOptions.TrimEntries);
        Assert.Equal(("500", "0.50", "120.0", "3.00"), (cells[2], cells[3], cells[7], cells[8]));
    }

    [Fact]
    public void Markdown_AMethodWhoseCallsFailed_CountsThemAndSaysSo()
    {
        var failing = Round(900, 40) with { Codes = new Dictionary<StatusCode, long> { [StatusCode.OK] = 100, [StatusCode.Unauthenticated] = 800 } };
        var methods = new List<(string, IReadOnlyList<LoadResult>)>
        {
            ("health", [Round(1_000, 40)]),
            ("test", [failing]),
        };

        string markdown = CompareRun.Markdown(methods);

        string test = markdown.Split('\n').Single(line => line.StartsWith("| test", StringComparison.Ordinal));
        Assert.Equal("800", test.Split('|', StringSplitOptions.TrimEntries)[13]);
        Assert.Contains("**test: 800 calls failed** (Unauthenticated 800)", markdown, StringComparison.Ordinal);
        Assert.Contains("\"failed_calls\": 800", CompareRun.Json(methods), StringComparison.Ordinal);
    }

    /// <summary>A round of <paramref name="calls"/> calls in one second that cost the server <paramref name="cpuMicrosecondsPerCall"/> each.</summary>
    private static LoadResult Round(long calls, double cpuMicrosecondsPerCall)
    {
        var latency = new LongHistogram(1, 60_000_000, 3);
        latency.RecordValueWithCount(1_000, calls);
        var options = new LoadOptions(new Uri("http://127.0.0.1:5000"), null, "health", TimeSpan.FromSeconds(1), TimeSpan.Zero, 1, 1, 1);
        return new LoadResult(options, 1, calls, latency, new Dictionary<StatusCode, long> { [StatusCode.OK] = calls }, new Dictionary<Verdict, long>(), TimeSpan.Zero)
        {
            Cost = new ServerCost(TimeSpan.FromMicroseconds(cpuMicrosecondsPerCall * calls), null, null, null),
        };
    }
}
