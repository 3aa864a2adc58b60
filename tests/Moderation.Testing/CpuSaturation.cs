namespace Moderation.Testing;

/// <summary>
/// Keeps every core busy until disposed, as a machine under load is: tests of timing-sensitive
/// behaviour (limits exact under a burst) run inside one so they cannot pass only when idle.
/// </summary>
public sealed class CpuSaturation : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread[] _threads;

    public CpuSaturation()
    {
        _threads = Enumerable.Range(0, Environment.ProcessorCount).Select(_ => new Thread(Spin) { IsBackground = true }).ToArray();
        foreach (var thread in _threads)
        {
            thread.Start();
        }
    }

    private void Spin()
    {
        var token = _stop.Token;
        while (!token.IsCancellationRequested)
        {
            Thread.SpinWait(10_000);
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        foreach (var thread in _threads)
        {
            thread.Join();
        }

        _stop.Dispose();
    }
}
