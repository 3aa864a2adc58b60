using Moderation.LoadTest;

namespace Moderation.LoadTest.Tests;

public sealed class LoadOptionsTests
{
    [Fact]
    public void Parse_RateAndReport_SelectTheOpenLoopAndTheReportFolder()
    {
        var options = LoadOptions.Parse(["--rate", "500", "--report", "out/run-1", "--method", "health"], out var problems);

        Assert.Empty(problems);
        Assert.Equal((500, "out/run-1", "health"), (options.Rate, options.Report, options.Method));
    }

    [Fact]
    public void Parse_NoRate_IsTheClosedLoopWithTheDefaults()
    {
        var options = LoadOptions.Parse([], out var problems);

        Assert.Empty(problems);
        Assert.Equal((0, 64, 2, TimeSpan.FromSeconds(10)), (options.Rate, options.Concurrency, options.Connections, options.Duration));
    }

    [Fact]
    public void Parse_SeveralBadValues_ReportsEveryOne()
    {
        LoadOptions.Parse(["--rate", "-1", "--duration", "ten", "--method", "delete", "--bogus", "1"], out var problems);

        Assert.Contains(problems, p => p.Contains("--rate", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("--duration", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("--method", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("--bogus", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_ProcessIdsAndMetrics_AreKeptForTheCostsPerCall()
    {
        var options = LoadOptions.Parse(["--server-pid", "41", "--redis-pid", "42", "--metrics", "http://127.0.0.1:5080/metrics", "--progress", "off"], out var problems);

        Assert.Empty(problems);
        Assert.Equal((41, 42, "http://127.0.0.1:5080/metrics", false), (options.ServerPid, options.RedisPid, options.Metrics?.ToString(), options.Progress));
    }

    [Fact]
    public void Parse_MetricsNotHttp_IsAProblem()
    {
        LoadOptions.Parse(["--metrics", "file:///etc/passwd", "--progress", "maybe"], out var problems);

        Assert.Contains(problems, p => p.Contains("--metrics", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("--progress", StringComparison.Ordinal));
    }
}

public sealed class CompareOptionsTests
{
    [Fact]
    public void Parse_Compare_KeepsTheMethodsInOrderWithTheRounds()
    {
        var options = LoadOptions.Parse(["--compare", "health, submit,test", "--rounds", "3"], out var problems);

        Assert.Empty(problems);
        Assert.Equal(["health", "submit", "test"], options.Compare);
        Assert.Equal(3, options.Rounds);
    }

    [Theory]
    [InlineData("health")]
    [InlineData("health,delete")]
    public void Parse_CompareOfFewerThanTwoKnownMethods_IsAProblem(string methods)
    {
        LoadOptions.Parse(["--compare", methods], out var problems);

        Assert.Contains(problems, p => p.Contains("--compare", StringComparison.Ordinal));
    }
}

public sealed class MetricsScrapeTests
{
    [Fact]
    public void Parse_Exposition_SumsEachSeriesOverItsLabels()
    {
        const string exposition = """
            # TYPE moderation_redis_call_duration_seconds histogram
            moderation_redis_call_duration_seconds_count{operation="submit",outcome="ok"} 12 1700000000000
            moderation_redis_call_duration_seconds_count{operation="limits",outcome="ok"} 30
            dotnet_gc_heap_total_allocated_bytes_total 1.5e6
            label_with_brace{path="/a}b"} 2
            moderation_redis_call_duration_seconds_count{operation="queue.stats",outcome="ok"} 7
            """;

        var sums = MetricsScrape.Parse(exposition);

        Assert.Equal(42, sums[MetricsScrape.RedisCalls]);
        Assert.Equal(1_500_000, sums[MetricsScrape.AllocatedBytes]);
        Assert.Equal(2, sums["label_with_brace"]);
    }
}
