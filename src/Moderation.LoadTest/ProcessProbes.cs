using System.Diagnostics;

namespace Moderation.LoadTest;

/// <summary>
/// The service's and Redis's CPU over the measured window and the service's memory each second,
/// read from their process ids (the driver runs on the same machine, as the numbers in docs/ do).
/// </summary>
internal sealed class ProcessProbes(int serverPid, int redisPid) : IDisposable
{
    private readonly Process? _server = Open(serverPid);
    private readonly Process? _redis = Open(redisPid);
    private TimeSpan _serverStart;
    private TimeSpan _redisStart;

    public void Start()
    {
        _serverStart = CpuOf(_server);
        _redisStart = CpuOf(_redis);
    }

    public (TimeSpan? Server, TimeSpan? Redis) Cpu() =>
        (_server is null ? null : CpuOf(_server) - _serverStart, _redis is null ? null : CpuOf(_redis) - _redisStart);

    public long? ServerWorkingSet()
    {
        if (_server is null)
        {
            return null;
        }

        _server.Refresh();
        return _server.WorkingSet64;
    }

    public void Dispose()
    {
        _server?.Dispose();
        _redis?.Dispose();
    }

    private static Process? Open(int pid)
    {
        if (pid == 0)
        {
            return null;
        }

        try
        {
            return Process.GetProcessById(pid);
        }
        catch (ArgumentException ex)
        {
            throw new InvalidOperationException($"No process with id {pid} is running.", ex);
        }
    }

    private static TimeSpan CpuOf(Process? process)
    {
        if (process is null)
        {
            return TimeSpan.Zero;
        }

        process.Refresh();
        return process.TotalProcessorTime;
    }
}
