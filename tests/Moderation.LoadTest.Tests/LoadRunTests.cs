using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Grpc.Core;
using Moderation.LoadTest;
using Moderation.Testing;

namespace Moderation.LoadTest.Tests;

/// <summary>The built service as its own process, with the development key it prints: what the tool is pointed at.</summary>
public sealed partial class ServiceProcess : IAsyncLifetime
{
    private readonly TaskCompletionSource<string> _key = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Process _service = null!;

    public int Port { get; } = RedisServerProcess.FreeLoopbackPort();

    public Task<string> KeyAsync() => _key.Task.WaitAsync(TimeSpan.FromSeconds(60));

    public Task InitializeAsync()
    {
        // Beside this assembly's own bin folder: src/Moderation.Server/bin/<configuration>/net10.0.
        string configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        string server = Path.Combine(RepositoryPaths.Root, "src", "Moderation.Server", "bin", configuration, "net10.0", "Moderation.Server.dll");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(server);
        start.Environment["Kestrel__Endpoints__Grpc__Url"] = $"http://127.0.0.1:{Port}";
        start.Environment["Console__Enabled"] = "false";
        _service = Process.Start(start)!;
        _service.OutputDataReceived += (_, line) =>
        {
            if (line.Data is { } text && DevelopmentKey().Match(text) is { Success: true } match)
            {
                _key.TrySetResult(match.Groups[1].Value);
            }
        };
        _service.ErrorDataReceived += (_, _) => { };
        _service.BeginOutputReadLine();
        _service.BeginErrorReadLine();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _service.Kill(entireProcessTree: true);
        await _service.WaitForExitAsync();
        _service.Dispose();
    }

    [GeneratedRegex(@"Development API key \(role admin[^)]*\): (\S+)")]
    private static partial Regex DevelopmentKey();
}

public sealed class LoadRunTests(ServiceProcess service) : IClassFixture<ServiceProcess>
{
    [Fact]
    public async Task Run_ClosedLoopHealth_CountsEveryCallAsOk()
    {
        var options = Options(await service.KeyAsync()) with { Method = "health", Concurrency = 4 };

        var result = await new LoadRun(options).RunAsync(CancellationToken.None);

        Assert.True(result.Calls > 0, "no call completed");
        Assert.Equal(result.Calls, result.Codes[StatusCode.OK]);
        Assert.True(result.LatencyMs(50) > 0 && result.LatencyMs(50) <= result.LatencyMs(99.9));
    }

    [Fact]
    public async Task Run_OpenLoopSubmissions_HoldsTheRateAndWritesBothReports()
    {
        string folder = Directory.CreateTempSubdirectory("load-report-").FullName;
        var options = Options(await service.KeyAsync()) with { Rate = 100, Concurrency = 32, Report = folder };

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
        Directory.Delete(folder, recursive: true);
    }

    private LoadOptions Options(string key) => new(
        new Uri($"http://127.0.0.1:{service.Port}"), key, "submit", TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(0.5), Concurrency: 8, Connections: 1, Seed: 7);
}
