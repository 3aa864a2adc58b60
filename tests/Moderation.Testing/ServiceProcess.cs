using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Moderation.Testing;

/// <summary>
/// The built service as an operator starts it: its own process, from a working directory that is
/// not its own, gRPC on a free loopback port, with every output line kept and the development key
/// it prints. Stopped (with its process tree) on dispose.
/// </summary>
public sealed partial class ServiceProcess : IAsyncDisposable
{
    private readonly DirectoryInfo _elsewhere = Directory.CreateTempSubdirectory("moderation-cwd-");
    private readonly TaskCompletionSource<string> _key = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Process _service;

    /// <param name="serverDll">The path of the built Moderation.Server.dll.</param>
    /// <param name="environment">Settings beyond the gRPC address, as environment variables.</param>
    public ServiceProcess(string serverDll, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = _elsewhere.FullName,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(serverDll);
        start.Environment["Kestrel__Endpoints__Grpc__Url"] = $"http://127.0.0.1:{Port}";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        _service = Process.Start(start)!;
        _service.OutputDataReceived += (_, line) => Received(line.Data, StandardOutput);
        _service.ErrorDataReceived += (_, line) => Received(line.Data, StandardError);
        _service.BeginOutputReadLine();
        _service.BeginErrorReadLine();
    }

    /// <summary>The operating system's process, for its memory and whether it is still running.</summary>
    public Process Process => _service;

    /// <summary>The loopback port its gRPC endpoint listens on.</summary>
    public int Port { get; } = RedisServerProcess.FreeLoopbackPort();

    /// <summary>Every line it wrote, standard output and error.</summary>
    public ConcurrentQueue<string> Output { get; } = new();

    /// <summary>The lines it wrote on standard output: the log.</summary>
    public ConcurrentQueue<string> StandardOutput { get; } = new();

    /// <summary>The lines it wrote on standard error: notices for the operator, such as the development key.</summary>
    public ConcurrentQueue<string> StandardError { get; } = new();

    /// <summary>
    /// The development admin key it prints at start-up, once its endpoints listen (within a
    /// minute): the key is printed before Kestrel binds, and a call in between fails to connect.
    /// </summary>
    public async Task<string> KeyAsync()
    {
        await Task.WhenAll(_key.Task, _started.Task).WaitAsync(TimeSpan.FromSeconds(60));
        return await _key.Task;
    }

    public async ValueTask DisposeAsync()
    {
        _service.Kill(entireProcessTree: true);
        await _service.WaitForExitAsync();
        _service.Dispose();
        _elsewhere.Delete(recursive: true);
    }

    private void Received(string? text, ConcurrentQueue<string> stream)
    {
        if (text is null)
        {
            return;
        }

        stream.Enqueue(text);
        Output.Enqueue(text);
        if (DevelopmentKey().Match(text) is { Success: true } match)
        {
            _key.TrySetResult(match.Groups[1].Value);
        }

        // The host's lifetime message, written once every endpoint listens (a JSON log line holds it too).
        if (text.Contains("Application started.", StringComparison.Ordinal))
        {
            _started.TrySetResult();
        }
    }

    [GeneratedRegex(@"Development API key \(role admin[^)]*\): (\S+)")]
    private static partial Regex DevelopmentKey();
}
