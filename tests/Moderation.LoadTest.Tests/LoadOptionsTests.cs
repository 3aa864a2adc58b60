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
}
