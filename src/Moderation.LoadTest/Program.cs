using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Moderation.Api.V1;
using Moderation.LoadTest;

var options = LoadOptions.Parse(args, out var problems);
if (problems.Count > 0)
{
    Console.Error.WriteLine(string.Join(Environment.NewLine, problems));
    Console.Error.WriteLine(LoadOptions.Usage);
    return 2;
}

var channels = Enumerable.Range(0, options.Connections)
    .Select(_ => GrpcChannel.ForAddress(options.Target, new GrpcChannelOptions { HttpHandler = new SocketsHttpHandler { EnableMultipleHttp2Connections = false } }))
    .ToArray();
var headers = options.Token is null ? new Metadata() : new Metadata { { "authorization", "Bearer " + options.Token } };
var codes = new ConcurrentDictionary<StatusCode, long>();
var verdicts = new ConcurrentDictionary<Verdict, long>();
var latencies = new ConcurrentBag<long>();
long measuring = 0;
long sequence = 0;

async Task CallAsync(int worker)
{
    var channel = channels[worker % channels.Length];
    long n = Interlocked.Increment(ref sequence);
    long started = Stopwatch.GetTimestamp();
    StatusCode code = StatusCode.OK;
    try
    {
        if (options.Method == "health")
        {
            await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest(), headers);
        }
        else
        {
            var reply = await new CommentService.CommentServiceClient(channel).SubmitCommentAsync(CommentMix.Next(options.Seed, n), headers);
            if (Interlocked.Read(ref measuring) == 1)
            {
                verdicts.AddOrUpdate(reply.Decision.Verdict, 1, (_, c) => c + 1);
            }
        }
    }
    catch (RpcException ex)
    {
        code = ex.StatusCode;
    }

    if (Interlocked.Read(ref measuring) == 1)
    {
        latencies.Add(Stopwatch.GetElapsedTime(started).Ticks);
        codes.AddOrUpdate(code, 1, (_, c) => c + 1);
    }
}

using var stop = new CancellationTokenSource();
var workers = Enumerable.Range(0, options.Concurrency).Select(worker => Task.Run(async () =>
{
    while (!stop.IsCancellationRequested)
    {
        await CallAsync(worker);
    }
})).ToArray();

await Task.Delay(options.Warmup);
var process = Process.GetCurrentProcess();
var cpuBefore = process.TotalProcessorTime;
Interlocked.Exchange(ref measuring, 1);
var clock = Stopwatch.StartNew();
await Task.Delay(options.Duration);
Interlocked.Exchange(ref measuring, 0);
double seconds = clock.Elapsed.TotalSeconds;
process.Refresh();
var cpu = process.TotalProcessorTime - cpuBefore;
await stop.CancelAsync();
await Task.WhenAll(workers);

var sorted = latencies.Order().ToArray();
double Percentile(double p) => sorted.Length == 0 ? 0 : TimeSpan.FromTicks(sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p / 100 * sorted.Length) - 1)]).TotalMilliseconds;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"method {options.Method}, {options.Concurrency} in flight over {options.Connections} connections, {seconds:0.0} s measured"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| calls | rps | p50 ms | p90 ms | p99 ms | p99.9 ms | driver CPU µs/call |"));
Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {sorted.Length:N0} | {sorted.Length / seconds:N0} | {Percentile(50):0.00} | {Percentile(90):0.00} | {Percentile(99):0.00} | {Percentile(99.9):0.00} | {cpu.TotalMicroseconds / Math.Max(1, sorted.Length):0.0} |"));
Console.WriteLine("status codes: " + string.Join(", ", codes.OrderByDescending(c => c.Value).Select(c => $"{c.Key} {c.Value:N0}")));
if (!verdicts.IsEmpty)
{
    Console.WriteLine("verdicts: " + string.Join(", ", verdicts.OrderByDescending(v => v.Value).Select(v => $"{v.Key} {v.Value:N0}")));
}

return 0;
