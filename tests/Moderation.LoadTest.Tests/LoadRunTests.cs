using System.Text.Json;
using Grpc.Core;
using Moderation.LoadTest;
using Moderation.Testing;

namespace Moderation.LoadTest.Tests;

/// <summary>The built service, started once for the class: what the tool is pointed at.</summary>
public sealed class BuiltService : IAsyncLifetime
{
    public ServiceProcess Process { get; private set; } = null!;

    /// <summary>The service's Prometheus endpoint, on its HTTP/1.1 listener.</summary>
    public Uri Metrics { get; private set; } = null!;

    public Task InitializeAsync()
    {
        // The server is built beside these tests: src/Moderation.Server/bin/<configuration>/net10.0.
        string configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        string server = Path.Combine(RepositoryPaths.Root, "src", "Moderation.Server", "bin", configuration, "net10.0", "Moderation.Server.dll");
        int httpPort = RedisServerProcess.FreeLoopbackPort();
        Metrics = new Uri($"http://127.0.0.1:{httpPort}/metrics");
        Process = new ServiceProcess(server, new Dictionary<string, string> { ["Console__Url"] = $"http://127.0.0.1:{httpPort}" });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Process.DisposeAsync();
}

public sealed class LoadRunTests(BuiltService built) : IClassFixture<BuiltService>
{
    [Fact]
    public async Task Run_ClosedLoopHealth_CountsEveryCallAsOk()
    {
        var options = Options(await built.Process.KeyAsync()) with { Method = "health", Concurrency = 4 };

        var result = await new LoadRun(options).RunAsync(CancellationToken.None);

        Assert.True(result.Calls > 0, "no call completed");
        Assert.Equal(result.Calls, result.Codes[StatusCode.OK]);
        Assert.True(result.LatencyMs(50) > 0 && result.LatencyMs(50) <= result.LatencyMs(99.9));
        Assert.Null(result.IssueLag);
    }

    [Fact]
    public async Task Run_OpenLoopSubmissions_HoldsTheRateAndWritesBothReports()
    {
        string folder = Directory.CreateTempSubdirectory("load-report-").FullName;
        var options = Options(await built.Process.KeyAsync()) with { Rate = 100, Concurrency = 32, Report = folder };

        var result = await new LoadRun(options).RunAsync(CancellationToken.None);
        LoadReport.WriteFiles(result, folder);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "report.json")));
        string markdown = await File.ReadAllTextAsync(Path.Combine(folder, "report.md"));

        // A closed loop against this service does thousands a second; the open loop holds its rate.
        Assert.InRange(result.Rps, 50, 130);
        Assert.Equal(result.Calls, result.Verdicts.Values.Sum() + result.Codes.Where(c => c.Key != StatusCode.OK).Sum(c => c.Value));
        Assert.Equal("open", json.RootElement.GetProperty("loop").GetString());
        Assert.Equal(result.Calls, json.RootElement.GetProperty("calls").GetInt64());
        Assert.Equal(result.LatencyMs(99), json.RootElement.GetProperty("latency_ms").GetProperty("p99").GetDouble());
        Assert.Contains("| calls | rps | p50 ms |", markdown, StringComparison.Ordinal);
        // How late the driver itself issued calls is reported apart, and is part of each call's latency.
        Assert.NotNull(result.IssueLag);
        Assert.True(result.IssueLag.TotalCount > 0, "no issue lag recorded");
        Assert.True(json.RootElement.GetProperty("issue_lag_ms").GetProperty("p50").GetDouble() <= result.LatencyMs(50));
        Assert.Contains("calls issued late by the driver: p50 ", markdown, StringComparison.Ordinal);
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task Run_OpenLoopFasterThanItsSlots_EndsWithEveryQueuedCallCounted()
    {
        // Far more calls are due than two slots carry, so calls are still queued for a slot when
        // the window closes; the run must wait for them, not strand them.
        var options = Options(await built.Process.KeyAsync()) with { Method = "health", Rate = 5_000, Concurrency = 2, Duration = TimeSpan.FromSeconds(1) };

        var result = await new LoadRun(options).RunAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(result.Calls > 0, "no call completed");
        Assert.Equal(result.Calls, result.Codes[StatusCode.OK]);
    }

    [Fact]
    public async Task Run_RealisticMix_EveryCallIsOneTheServiceAcceptsAndTheCostsAreMeasured()
    {
        var options = Options(await built.Process.KeyAsync()) with { Method = "mix", Rate = 300, Concurrency = 32, Duration = TimeSpan.FromSeconds(3), ServerPid = built.Process.Process.Id, Metrics = built.Metrics };

        var result = await new LoadRun(options).RunAsync(CancellationToken.None);

        // Refusals by a limit and reports on a comment a limit refused are the traffic; a
        // malformed call (INVALID_ARGUMENT) or a server fault would be the tool's or the service's bug.
        var unexpected = result.Codes.Keys.Except([StatusCode.OK, StatusCode.ResourceExhausted, StatusCode.NotFound]).ToList();
        Assert.True(unexpected.Count == 0, "unexpected status codes: " + string.Join(", ", unexpected.Select(c => $"{c} {result.Codes[c]} ({result.FirstErrors.GetValueOrDefault(c)})")));
        Assert.Contains("report", result.Kinds.Keys);
        Assert.Contains("decision", result.Kinds.Keys);
        Assert.True(result.Verdicts.GetValueOrDefault(Moderation.Api.V1.Verdict.Rejected) > 0, "the mix's profanity and spam rejected nothing");
        Assert.True(result.Cost.ServerCpu > TimeSpan.Zero, "no server CPU measured");
        Assert.True(result.Cost.AllocatedBytes > 0, "no server allocations scraped");
        Assert.Equal(result.Samples.Sum(s => s.Calls), result.Calls);
    }

    private LoadOptions Options(string key) => new(
        new Uri($"http://127.0.0.1:{built.Process.Port}"), key, "submit", TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(0.5), Concurrency: 8, Connections: 1, Seed: 7);
}
