using System.Collections.Concurrent;
using System.Diagnostics;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using HdrHistogram;
using Moderation.Api.V1;

namespace Moderation.LoadTest;

/// <summary>What a run measured: calls, their latency distribution, status codes and verdicts.</summary>
internal sealed record LoadResult(
    LoadOptions Options,
    double Seconds,
    long Calls,
    HistogramBase Latency,
    IReadOnlyDictionary<StatusCode, long> Codes,
    IReadOnlyDictionary<Verdict, long> Verdicts,
    TimeSpan DriverCpu)
{
    /// <summary>The latency at <paramref name="percentile"/> in milliseconds (the histogram records microseconds).</summary>
    public double LatencyMs(double percentile) => Calls == 0 ? 0 : Latency.GetValueAtPercentile(percentile) / 1000.0;

    public double MaxLatencyMs => Calls == 0 ? 0 : Latency.GetMaxValue() / 1000.0;

    public double Rps => Seconds <= 0 ? 0 : Calls / Seconds;

    public double DriverCpuMicrosecondsPerCall => DriverCpu.TotalMicroseconds / Math.Max(1, Calls);
}

/// <summary>
/// Drives the API as <see cref="LoadOptions"/> says: a warm-up, then the measured window. In
/// closed loop each of the concurrent workers calls again as soon as its call returns; in open
/// loop calls are due at a fixed rate and each is timed from when it was due, so time spent
/// waiting for a free slot or a slow server counts (coordinated omission would hide it).
/// </summary>
internal sealed class LoadRun(LoadOptions options)
{
    // One microsecond to one minute, three significant digits.
    private readonly LongConcurrentHistogram _latency = new(1, 60_000_000, 3);
    private readonly ConcurrentDictionary<StatusCode, long> _codes = new();
    private readonly ConcurrentDictionary<Verdict, long> _verdicts = new();
    private long _measuring;
    private long _sequence;
    private long _calls;

    public async Task<LoadResult> RunAsync(CancellationToken cancellationToken)
    {
        var channels = Enumerable.Range(0, options.Connections)
            .Select(_ => GrpcChannel.ForAddress(options.Target, new GrpcChannelOptions { HttpHandler = new SocketsHttpHandler { EnableMultipleHttp2Connections = false } }))
            .ToArray();
        var headers = options.Token is null ? new Metadata() : new Metadata { { "authorization", "Bearer " + options.Token } };
        try
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var load = options.Rate > 0 ? OpenLoopAsync(channels, headers, stop.Token) : ClosedLoopAsync(channels, headers, stop.Token);
            await Task.Delay(options.Warmup, cancellationToken);
            var process = Process.GetCurrentProcess();
            var cpuBefore = process.TotalProcessorTime;
            Interlocked.Exchange(ref _measuring, 1);
            var clock = Stopwatch.StartNew();
            await Task.Delay(options.Duration, cancellationToken);
            Interlocked.Exchange(ref _measuring, 0);
            double seconds = clock.Elapsed.TotalSeconds;
            process.Refresh();
            var cpu = process.TotalProcessorTime - cpuBefore;
            await stop.CancelAsync();
            await load;
            return new LoadResult(options, seconds, Interlocked.Read(ref _calls), _latency, _codes, _verdicts, cpu);
        }
        finally
        {
            foreach (var channel in channels)
            {
                channel.Dispose();
            }
        }
    }

    private Task ClosedLoopAsync(GrpcChannel[] channels, Metadata headers, CancellationToken stop) =>
        Task.WhenAll(Enumerable.Range(0, options.Concurrency).Select(worker => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await CallAsync(channels[worker % channels.Length], headers, Stopwatch.GetTimestamp());
            }
        }, CancellationToken.None)));

    private async Task OpenLoopAsync(GrpcChannel[] channels, Metadata headers, CancellationToken stop)
    {
        using var slots = new SemaphoreSlim(options.Concurrency);
        var running = new List<Task>();
        long start = Stopwatch.GetTimestamp();
        double ticksPerCall = Stopwatch.Frequency / (double)options.Rate;
        long issued = 0;
        while (!stop.IsCancellationRequested)
        {
            long now = Stopwatch.GetTimestamp();
            long due = (long)((now - start) / ticksPerCall) + 1;
            for (; issued < due; issued++)
            {
                long dueAt = start + (long)(issued * ticksPerCall);
                var channel = channels[issued % channels.Length];
                running.Add(SlottedCallAsync(slots, channel, headers, dueAt));
            }

            running.RemoveAll(task => task.IsCompleted);

            // Sleep until the next call is due (a millisecond at least), not in a busy loop.
            long nextDue = start + (long)(issued * ticksPerCall);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), nextDue);
            await Task.Delay(wait > TimeSpan.FromMilliseconds(1) ? wait : TimeSpan.FromMilliseconds(1), CancellationToken.None);
        }

        await Task.WhenAll(running);
    }

    private async Task SlottedCallAsync(SemaphoreSlim slots, GrpcChannel channel, Metadata headers, long dueAt)
    {
        await slots.WaitAsync();
        try
        {
            await CallAsync(channel, headers, dueAt);
        }
        finally
        {
            slots.Release();
        }
    }

    /// <summary>One call, timed from <paramref name="dueAt"/> (a Stopwatch timestamp).</summary>
    private async Task CallAsync(GrpcChannel channel, Metadata headers, long dueAt)
    {
        long n = Interlocked.Increment(ref _sequence);
        var code = StatusCode.OK;
        Verdict? verdict = null;
        try
        {
            if (options.Method == "health")
            {
                await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest(), headers);
            }
            else
            {
                verdict = (await new CommentService.CommentServiceClient(channel).SubmitCommentAsync(CommentMix.Next(options.Seed, n), headers)).Decision.Verdict;
            }
        }
        catch (RpcException ex)
        {
            code = ex.StatusCode;
        }

        if (Interlocked.Read(ref _measuring) == 1)
        {
            _latency.RecordValue(Math.Max(1, (long)Stopwatch.GetElapsedTime(dueAt).TotalMicroseconds));
            _codes.AddOrUpdate(code, 1, (_, c) => c + 1);
            if (verdict is { } v)
            {
                _verdicts.AddOrUpdate(v, 1, (_, c) => c + 1);
            }

            Interlocked.Increment(ref _calls);
        }
    }
}
