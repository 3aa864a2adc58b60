using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Moderation.Core.RateLimiting;
using Moderation.Redis;
using Moderation.Redis.RateLimiting;
using StackExchange.Redis;

namespace Moderation.Benchmarks;

/// <summary>
/// Checks per second through the Redis limiter, next to redis-benchmark running one EVALSHA of
/// the same script on the same server, alternating in the same run; medians of three rounds.
/// </summary>
internal static partial class LimiterThroughput
{
    private const int Clients = 50;
    private const int Subjects = 10_000;
    private static readonly TimeSpan RoundLength = TimeSpan.FromSeconds(10);

    public static async Task RunAsync()
    {
        int port = FreePort();
        string directory = Directory.CreateTempSubdirectory("limiter-bench-").FullName;
        using var server = Process.Start(new ProcessStartInfo("redis-server", ["--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", directory]) { RedirectStandardOutput = true })!;
        try
        {
            await using var redis = await ConnectAsync(port);
            var keys = new RedisKeys("bench");
            var limiter = new RedisGcraRateLimiter(redis, keys);
            // Generous limits: the benchmark measures the check, not refusals.
            var policy = new RateLimitPolicy("author", "author", 1_000_000, TimeSpan.FromMinutes(1), 1_000_000);
            await limiter.TryAcquireAsync(policy, "warm-up", default);
            string sha = Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(RedisGcraRateLimiter.AcquireScript)));

            var ours = new List<double>();
            var theirs = new List<double>();
            var pipelined = new List<double>();
            for (int round = 1; round <= 3; round++)
            {
                ours.Add(await LimiterChecksPerSecondAsync(limiter, policy));
                theirs.Add(await RedisBenchmarkPerSecondAsync(port, sha, policy, pipeline: 1));
                pipelined.Add(await RedisBenchmarkPerSecondAsync(port, sha, policy, pipeline: 16));
                Console.WriteLine($"round {round}: limiter {ours[^1]:N0}/s, redis-benchmark EVALSHA {theirs[^1]:N0}/s, with -P 16 {pipelined[^1]:N0}/s");
            }

            // A realistic limit (5 a minute) keeps its key for a while; measure one right after a check.
            var realistic = new RateLimitPolicy("author", "author", 5, TimeSpan.FromMinutes(1), 5);
            await limiter.TryAcquireAsync(realistic, "author-with-a-typical-id-123456", default);
            long keyBytes = (long)await redis.GetDatabase().ExecuteAsync("MEMORY", "USAGE", keys.RateLimit("author", "author-with-a-typical-id-123456"));
            double median(List<double> values) => values.Order().ElementAt(values.Count / 2);
            Console.WriteLine();
            Console.WriteLine("| limiter checks/s | redis-benchmark EVALSHA/s | ratio | redis-benchmark -P 16 EVALSHA/s | ratio | bytes per key |");
            Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: |");
            Console.WriteLine($"| {median(ours):N0} | {median(theirs):N0} | {median(ours) / median(theirs):0.00} | {median(pipelined):N0} | {median(ours) / median(pipelined):0.00} | {keyBytes} |");
        }
        finally
        {
            server.Kill();
            await server.WaitForExitAsync();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<double> LimiterChecksPerSecondAsync(RedisGcraRateLimiter limiter, RateLimitPolicy policy)
    {
        long checks = 0;
        var stop = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, Clients).Select(async worker =>
        {
            var random = new Random(worker);
            while (stop.Elapsed < RoundLength)
            {
                await limiter.TryAcquireAsync(policy, "subject-" + random.Next(Subjects).ToString(CultureInfo.InvariantCulture), default);
                Interlocked.Increment(ref checks);
            }
        });
        await Task.WhenAll(workers);
        return checks / stop.Elapsed.TotalSeconds;
    }

    /// <summary>The same script through redis-benchmark: 50 clients, random subjects, same arguments.</summary>
    private static async Task<double> RedisBenchmarkPerSecondAsync(int port, string sha, RateLimitPolicy policy, int pipeline)
    {
        var start = new ProcessStartInfo("redis-benchmark") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in new[]
        {
            "-p", port.ToString(CultureInfo.InvariantCulture), "-c", Clients.ToString(CultureInfo.InvariantCulture),
            "-n", "200000", "-r", Subjects.ToString(CultureInfo.InvariantCulture), "-P", pipeline.ToString(CultureInfo.InvariantCulture), "-q",
            "EVALSHA", sha, "1", "bench:{rl}:author:subject-__rand_int__", "", "",
            policy.EmissionIntervalMicroseconds.ToString(CultureInfo.InvariantCulture),
            policy.BurstToleranceMicroseconds.ToString(CultureInfo.InvariantCulture), "1", "0",
        })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        string output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        var match = RequestsPerSecond().Matches(output).LastOrDefault();
        return match is null
            ? throw new InvalidOperationException("redis-benchmark printed no rate: " + output)
            : double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    private static async Task<ConnectionMultiplexer> ConnectAsync(int port)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{port},allowAdmin=true");
            }
            catch (RedisConnectionException) when (deadline.Elapsed < TimeSpan.FromSeconds(10))
            {
                await Task.Delay(50);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"([0-9]+(?:\.[0-9]+)?) requests per second")]
    private static partial Regex RequestsPerSecond();
}
