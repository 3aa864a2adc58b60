using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Moderation.LoadTest;

/// <summary>
/// Several methods measured in one run, in alternating rounds (health, submit, health, submit,
/// ...), so a noisy shared machine slows each of them alike; the medians and their ratios to the
/// first method are what docs/performance.md reports.
/// </summary>
internal static class CompareRun
{
    public static async Task<IReadOnlyList<(string Method, IReadOnlyList<LoadResult> Rounds)>> RunAsync(LoadOptions options, CancellationToken cancellationToken)
    {
        var rounds = options.Compare.ToDictionary(method => method, _ => new List<LoadResult>(), StringComparer.Ordinal);
        for (int round = 1; round <= options.Rounds; round++)
        {
            foreach (string method in options.Compare)
            {
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"round {round}/{options.Rounds}: {method}"));
                rounds[method].Add(await new LoadRun(options with { Method = method }).RunAsync(cancellationToken));
            }
        }

        return options.Compare.Select(method => (method, (IReadOnlyList<LoadResult>)rounds[method])).ToList();
    }

    public static string Markdown(IReadOnlyList<(string Method, IReadOnlyList<LoadResult> Rounds)> methods)
    {
        var first = methods[0];
        var text = new StringBuilder();
        text.Append(Inv($"Medians of {first.Rounds.Count} alternating rounds; ratios to {first.Method}.\n\n"));
        text.Append("| method | rps | × rps | p50 ms | p99 ms | p99.9 ms | server CPU µs/call | × CPU | Redis CPU µs/call | allocated B/call | Redis calls/call | driver CPU µs/call | failed calls |\n");
        text.Append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        double baseRps = Median(first.Rounds, r => r.Rps) ?? 0;
        double? baseCpu = Median(first.Rounds, r => r.ServerCpuMicrosecondsPerCall);
        foreach (var (method, rounds) in methods)
        {
            double rps = Median(rounds, r => r.Rps) ?? 0;
            double? cpu = Median(rounds, r => r.ServerCpuMicrosecondsPerCall);
            text.Append(Inv($"| {method} | {rps:N0} | {(baseRps > 0 ? rps / baseRps : 0):0.00} | {Median(rounds, r => r.LatencyMs(50)):0.00} | {Median(rounds, r => r.LatencyMs(99)):0.00} | {Median(rounds, r => r.LatencyMs(99.9)):0.00} | {Show(cpu, "0.0")} | {Show(cpu / baseCpu, "0.00")} | {Show(Median(rounds, r => r.RedisCpuMicrosecondsPerCall), "0.0")} | {Show(Median(rounds, r => r.AllocatedBytesPerCall), "N0")} | {Show(Median(rounds, r => r.RedisCallsPerCall), "0.00")} | {Median(rounds, r => r.DriverCpuMicrosecondsPerCall):0.0} | {FailedCalls(rounds):N0} |\n"));
        }

        // A method whose calls failed is fast for nothing: say so under the table, with the codes.
        foreach (var (method, rounds) in methods)
        {
            long failed = FailedCalls(rounds);
            if (failed > 0)
            {
                var codes = rounds.SelectMany(r => r.Codes).Where(c => c.Key != Grpc.Core.StatusCode.OK)
                    .GroupBy(c => c.Key).Select(g => Inv($"{g.Key} {g.Sum(c => c.Value):N0}"));
                text.Append(Inv($"\n**{method}: {failed:N0} calls failed** ({string.Join(", ", codes)}); its figures are not a measurement of the service.\n"));
            }
        }

        return text.ToString();
    }

    public static string Json(IReadOnlyList<(string Method, IReadOnlyList<LoadResult> Rounds)> methods)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            foreach (var (method, rounds) in methods)
            {
                json.WriteStartObject(method);
                Write(json, "rps", rounds, r => r.Rps);
                Write(json, "p50_ms", rounds, r => r.LatencyMs(50));
                Write(json, "p99_ms", rounds, r => r.LatencyMs(99));
                Write(json, "p99.9_ms", rounds, r => r.LatencyMs(99.9));
                Write(json, "server_cpu_us_per_call", rounds, r => r.ServerCpuMicrosecondsPerCall);
                Write(json, "redis_cpu_us_per_call", rounds, r => r.RedisCpuMicrosecondsPerCall);
                Write(json, "server_allocated_bytes_per_call", rounds, r => r.AllocatedBytesPerCall);
                Write(json, "redis_calls_per_call", rounds, r => r.RedisCallsPerCall);
                Write(json, "driver_cpu_us_per_call", rounds, r => r.DriverCpuMicrosecondsPerCall);
                json.WriteNumber("failed_calls", FailedCalls(rounds));
                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Calls of every round that did not answer OK.</summary>
    public static long FailedCalls(IEnumerable<LoadResult> rounds) =>
        rounds.Sum(r => r.Codes.Where(c => c.Key != Grpc.Core.StatusCode.OK).Sum(c => c.Value));

    /// <summary>The median of the rounds that measured <paramref name="value"/>, or null when none did.</summary>
    public static double? Median(IEnumerable<LoadResult> rounds, Func<LoadResult, double?> value)
    {
        var values = rounds.Select(value).OfType<double>().Order().ToList();
        return values.Count == 0 ? null : values.Count % 2 == 1 ? values[values.Count / 2] : (values[(values.Count / 2) - 1] + values[values.Count / 2]) / 2;
    }

    private static void Write(Utf8JsonWriter json, string name, IReadOnlyList<LoadResult> rounds, Func<LoadResult, double?> value)
    {
        if (Median(rounds, value) is { } median)
        {
            json.WriteNumber(name, Math.Round(median, 3));
        }
    }

    private static string Show(double? value, string format) => value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "–";

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
