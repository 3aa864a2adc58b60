using System.Collections.Concurrent;
using System.Diagnostics;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using HdrHistogram;
using Moderation.Api.V1;

namespace Moderation.LoadTest;

/// <summary>One second of the measured window: calls completed, failures and the latency of that second alone.</summary>
internal sealed record LoadSample(double AtSeconds, long Calls, long Failures, double P50Ms, double P99Ms, double MaxMs, long? ServerWorkingSet);

/// <summary>What the processes under load spent over the measured window, where the run could see it.</summary>
internal sealed record ServerCost(TimeSpan? ServerCpu, TimeSpan? RedisCpu, long? AllocatedBytes, long? RedisCalls);

/// <summary>What a run measured: calls, their latency distribution over the window and in each second, status codes, verdicts and the mix.</summary>
internal sealed record LoadResult(
    LoadOptions Options,
    double Seconds,
    long Calls,
    HistogramBase Latency,
    IReadOnlyDictionary<StatusCode, long> Codes,
    IReadOnlyDictionary<Verdict, long> Verdicts,
    TimeSpan DriverCpu)
{
    public IReadOnlyList<LoadSample> Samples { get; init; } = [];

    public IReadOnlyDictionary<string, long> Kinds { get; init; } = new Dictionary<string, long>();

    public ServerCost Cost { get; init; } = new(null, null, null, null);

    /// <summary>
    /// In open loop, how late the driver itself issued calls (µs, from when each was due to when
    /// it was handed to a slot): latency the tool adds, not the service; null in closed loop.
    /// </summary>
    public HistogramBase? IssueLag { get; init; }

    /// <summary>The first message the service gave with each failing status code, to say what failed.</summary>
    public IReadOnlyDictionary<StatusCode, string> FirstErrors { get; init; } = new Dictionary<StatusCode, string>();

    /// <summary>The latency at <paramref name="percentile"/> in milliseconds (the histogram records microseconds).</summary>
    public double LatencyMs(double percentile) => Calls == 0 ? 0 : Latency.GetValueAtPercentile(percentile) / 1000.0;

    /// <summary>How late the driver issued calls at <paramref name="percentile"/>, in milliseconds; null in closed loop.</summary>
    public double? IssueLagMs(double percentile) => IssueLag is { TotalCount: > 0 } lag ? lag.GetValueAtPercentile(percentile) / 1000.0 : null;

    public double MaxLatencyMs => Calls == 0 ? 0 : Latency.GetMaxValue() / 1000.0;

    public double Rps => Seconds <= 0 ? 0 : Calls / Seconds;

    public double DriverCpuMicrosecondsPerCall => PerCall(DriverCpu.TotalMicroseconds);

    /// <summary>The server's CPU per call in µs; null when its process was not watched.</summary>
    public double? ServerCpuMicrosecondsPerCall => Cost.ServerCpu is { } cpu ? PerCall(cpu.TotalMicroseconds) : null;

    /// <summary>Redis's CPU per call in µs; null when its process was not watched.</summary>
    public double? RedisCpuMicrosecondsPerCall => Cost.RedisCpu is { } cpu ? PerCall(cpu.TotalMicroseconds) : null;

    /// <summary>Bytes the server allocated per call; null without its metrics.</summary>
    public double? AllocatedBytesPerCall => Cost.AllocatedBytes is { } bytes ? PerCall(bytes) : null;

    /// <summary>Redis calls the server made per call; null without its metrics.</summary>
    public double? RedisCallsPerCall => Cost.RedisCalls is { } calls ? PerCall(calls) : null;

    /// <summary><paramref name="total"/> divided by the calls measured.</summary>
    private double PerCall(double total) => total / Math.Max(1, Calls);
}

/// <summary>
/// Drives the API as <see cref="LoadOptions"/> says: a warm-up, then the measured window. In
/// closed loop each of the concurrent workers calls again as soon as its call returns; in open
/// loop calls are due at a fixed rate and each is timed from when it was due, so time spent
/// waiting for a free slot or a slow server counts (coordinated omission would hide it).
/// </summary>
internal sealed class LoadRun(LoadOptions options)
{
    private const long HighestLatencyMicroseconds = 60_000_000;

    private readonly LongConcurrentHistogram _latency = new(1, HighestLatencyMicroseconds, 3);
    private readonly LongConcurrentHistogram _issueLag = new(1, HighestLatencyMicroseconds, 3);
    private readonly Recorder _second = HistogramFactory.With64BitBucketSize().WithValuesFrom(1).WithValuesUpTo(HighestLatencyMicroseconds).WithPrecisionOf(3).WithThreadSafeWrites().WithThreadSafeReads().Create();
    private readonly ConcurrentDictionary<StatusCode, long> _codes = new();
    private readonly ConcurrentDictionary<Verdict, long> _verdicts = new();
    private readonly ConcurrentDictionary<string, long> _kinds = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<StatusCode, string> _firstErrors = new();
    private readonly CommentMix _mix = new(options.Seed, CommentMix.NewRunTag(), DateTimeOffset.UtcNow, realistic: options.Method == "mix");
    private long _measuring;
    private long _sequence;
    private long _calls;
    private long _failures;
    private long _recording;

    public async Task<LoadResult> RunAsync(CancellationToken cancellationToken)
    {
        var clients = Enumerable.Range(0, options.Connections).Select(_ => new Clients(GrpcChannel.ForAddress(options.Target, new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler { EnableMultipleHttp2Connections = false },
        }))).ToArray();
        var headers = options.Token is null ? new Metadata() : new Metadata { { "authorization", "Bearer " + options.Token } };
        try
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var load = options.Rate > 0 ? OpenLoopAsync(clients, headers, stop.Token) : ClosedLoopAsync(clients, headers, stop.Token);
            await Task.Delay(options.Warmup, cancellationToken);
            using var probes = new ProcessProbes(options.ServerPid, options.RedisPid);
            var before = await MetricsScrape.ReadAsync(options.Metrics, cancellationToken);
            var driverCpu = Process.GetCurrentProcess().TotalProcessorTime;
            probes.Start();
            _second.Reset();
            Interlocked.Exchange(ref _measuring, 1);
            var clock = Stopwatch.StartNew();
            var samples = await SampleAsync(clock, probes, cancellationToken);
            double seconds = clock.Elapsed.TotalSeconds;
            var driver = Process.GetCurrentProcess().TotalProcessorTime - driverCpu;
            var (serverCpu, redisCpu) = probes.Cpu();
            var after = await MetricsScrape.ReadAsync(options.Metrics, cancellationToken);
            await stop.CancelAsync();
            await load;
            return new LoadResult(options, seconds, Interlocked.Read(ref _calls), _latency, _codes, _verdicts, driver)
            {
                Samples = samples,
                IssueLag = options.Rate > 0 ? _issueLag : null,
                Kinds = _kinds,
                FirstErrors = _firstErrors,
                Cost = new ServerCost(serverCpu, redisCpu, MetricsScrape.Delta(before, after, MetricsScrape.AllocatedBytes), MetricsScrape.Delta(before, after, MetricsScrape.RedisCalls)),
            };
        }
        finally
        {
            foreach (var client in clients)
            {
                client.Channel.Dispose();
            }
        }
    }

    /// <summary>Each second of the window: the latency of that second (a fresh interval histogram) and the progress line.</summary>
    private async Task<List<LoadSample>> SampleAsync(Stopwatch clock, ProcessProbes probes, CancellationToken cancellationToken)
    {
        var samples = new List<LoadSample>();
        var progress = options.Progress ? new ProgressLine(options.Duration) : null;
        HistogramBase? interval = null;
        long failuresBefore = 0;
        for (int second = 1; ; second++)
        {
            var due = TimeSpan.FromSeconds(Math.Min(second, options.Duration.TotalSeconds));
            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed, cancellationToken);
            }

            bool last = due >= options.Duration;
            if (last)
            {
                // Every call that counts is in the last second's histogram before it is read.
                Interlocked.Exchange(ref _measuring, 0);
                SpinWait.SpinUntil(() => Interlocked.Read(ref _recording) == 0);
            }

            interval = _second.GetIntervalHistogram(interval);
            long failures = Interlocked.Read(ref _failures);
            long count = interval.TotalCount;
            samples.Add(new LoadSample(
                Math.Round(clock.Elapsed.TotalSeconds, 3),
                count,
                failures - failuresBefore,
                count == 0 ? 0 : interval.GetValueAtPercentile(50) / 1000.0,
                count == 0 ? 0 : interval.GetValueAtPercentile(99) / 1000.0,
                count == 0 ? 0 : interval.GetMaxValue() / 1000.0,
                probes.ServerWorkingSet()));
            failuresBefore = failures;
            progress?.Show(clock.Elapsed, Interlocked.Read(ref _calls), failures, count == 0 ? 0 : interval.GetValueAtPercentile(99) / 1000.0);
            if (last)
            {
                if (progress is not null)
                {
                    ProgressLine.Done();
                }

                return samples;
            }
        }
    }

    private Task ClosedLoopAsync(Clients[] clients, Metadata headers, CancellationToken stop) =>
        Task.WhenAll(Enumerable.Range(0, options.Concurrency).Select(worker => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await CallAsync(clients[worker % clients.Length], headers, Stopwatch.GetTimestamp());
            }
        }, CancellationToken.None)));

    /// <summary>
    /// Issues the calls from a thread of its own that sleeps until the next one is due. A timer
    /// (Task.Delay) woke the loop 2 to 4 ms late on this machine, and that lateness was counted
    /// as the server's latency; a sleeping thread wakes within about a tenth of a millisecond.
    /// </summary>
    private Task OpenLoopAsync(Clients[] clients, Metadata headers, CancellationToken stop)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var pacer = new Thread(() =>
        {
            var slots = new SemaphoreSlim(options.Concurrency);
            var running = new List<Task>();
            long start = Stopwatch.GetTimestamp();
            double ticksPerCall = Stopwatch.Frequency / (double)options.Rate;
            long issued = 0;
            while (!stop.IsCancellationRequested)
            {
                long due = (long)((Stopwatch.GetTimestamp() - start) / ticksPerCall) + 1;
                for (; issued < due; issued++)
                {
                    long dueAt = start + (long)(issued * ticksPerCall);
                    if (Interlocked.Read(ref _measuring) == 1)
                    {
                        _issueLag.RecordValue(Math.Clamp((long)Stopwatch.GetElapsedTime(dueAt).TotalMicroseconds, 1, HighestLatencyMicroseconds));
                    }

                    running.Add(SlottedCallAsync(slots, clients[issued % clients.Length], headers, dueAt));
                }

                if (running.Count > 4 * options.Concurrency)
                {
                    running.RemoveAll(task => task.IsCompleted);
                }

                PreciseSleep.Until(start + (long)(issued * ticksPerCall));
            }

            // The calls still waiting for a slot need it: it is disposed after the last of them.
            Task.WhenAll(running).ContinueWith(_ =>
            {
                slots.Dispose();
                done.SetResult();
            }, TaskScheduler.Default);
        })
        {
            IsBackground = true,
            Name = "open-loop pacer",
        };
        pacer.Start();
        return done.Task;
    }

    private async Task SlottedCallAsync(SemaphoreSlim slots, Clients clients, Metadata headers, long dueAt)
    {
        await slots.WaitAsync();
        try
        {
            await CallAsync(clients, headers, dueAt);
        }
        finally
        {
            slots.Release();
        }
    }

    /// <summary>One call, timed from <paramref name="dueAt"/> (a Stopwatch timestamp).</summary>
    private async Task CallAsync(Clients clients, Metadata headers, long dueAt)
    {
        long n = Interlocked.Increment(ref _sequence);
        var code = StatusCode.OK;
        Verdict? verdict = null;
        string kind = options.Method;
        try
        {
            switch (options.Method)
            {
                case "health":
                    await clients.Health.CheckAsync(new HealthCheckRequest(), headers);
                    break;
                case "test":
                    var text = ((SubmitCall)_mix.Next(n)).Request;
                    verdict = (await clients.Rules.TestCommentAsync(new TestCommentRequest { Text = text.Text, ArticleId = text.ArticleId, Author = text.Author }, headers)).Decision.Verdict;
                    break;
                default:
                    var call = _mix.Next(n);
                    kind = call.Kind;
                    verdict = call switch
                    {
                        SubmitCall submit => (await clients.Comments.SubmitCommentAsync(submit.Request, headers)).Decision.Verdict,
                        ReportCall report => await Ignore(clients.Comments.ReportCommentAsync(report.Request, headers).ResponseAsync),
                        DecideCall decide => await DecideAsync(clients, decide.Request, headers),
                        _ => throw new UnreachableException(),
                    };
                    break;
            }
        }
        catch (RpcException ex)
        {
            code = ex.StatusCode;
            _firstErrors.TryAdd(code, kind + ": " + ex.Status.Detail);
        }

        Interlocked.Increment(ref _recording);
        if (Interlocked.Read(ref _measuring) == 1)
        {
            long micros = Math.Clamp((long)Stopwatch.GetElapsedTime(dueAt).TotalMicroseconds, 1, HighestLatencyMicroseconds);
            _latency.RecordValue(micros);
            _second.RecordValue(micros);
            _codes.AddOrUpdate(code, 1, (_, c) => c + 1);
            _kinds.AddOrUpdate(kind, 1, (_, c) => c + 1);
            if (verdict is { } v)
            {
                _verdicts.AddOrUpdate(v, 1, (_, c) => c + 1);
            }

            if (code != StatusCode.OK)
            {
                Interlocked.Increment(ref _failures);
            }

            Interlocked.Increment(ref _calls);
        }

        Interlocked.Decrement(ref _recording);

        // A moderator reads the comment, then decides on the version read.
        static async Task<Verdict?> DecideAsync(Clients clients, DecideCommentRequest request, Metadata headers)
        {
            var current = await clients.Comments.GetCommentAsync(new GetCommentRequest { CommentId = request.CommentId }, headers);
            request.ExpectedVersion = current.Comment.Version;
            await clients.Moderation.DecideCommentAsync(request, headers);
            return null;
        }

        static async Task<Verdict?> Ignore<T>(Task<T> reply)
        {
            await reply;
            return null;
        }
    }

    /// <summary>The clients of one connection.</summary>
    private sealed class Clients(GrpcChannel channel)
    {
        public GrpcChannel Channel { get; } = channel;

        public Health.HealthClient Health { get; } = new(channel);

        public CommentService.CommentServiceClient Comments { get; } = new(channel);

        public ModerationService.ModerationServiceClient Moderation { get; } = new(channel);

        public RulesService.RulesServiceClient Rules { get; } = new(channel);
    }
}
