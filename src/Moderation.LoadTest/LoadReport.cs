using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Moderation.LoadTest;

/// <summary>A run's result as the console summary, JSON (for tools) and Markdown (for docs/).</summary>
internal static class LoadReport
{
    private static readonly double[] Percentiles = [50, 90, 99, 99.9];

    public static string Markdown(LoadResult result)
    {
        var options = result.Options;
        string loop = options.Rate > 0 ? $"open loop at {options.Rate:N0} calls/s (at most {options.Concurrency:N0} in flight)" : $"closed loop, {options.Concurrency:N0} in flight";
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"method {options.Method}, {loop} over {options.Connections} connections, {result.Seconds:0.0} s measured\n\n");
        text.Append("| calls | rps | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms | driver CPU µs/call |\n");
        text.Append("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        text.Append(CultureInfo.InvariantCulture, $"| {result.Calls:N0} | {result.Rps:N0} | {result.LatencyMs(50):0.00} | {result.LatencyMs(90):0.00} | {result.LatencyMs(99):0.00} | {result.LatencyMs(99.9):0.00} | {result.MaxLatencyMs:0.00} | {result.DriverCpuMicrosecondsPerCall:0.0} |\n\n");
        text.Append("status codes: ").Append(string.Join(", ", result.Codes.OrderByDescending(c => c.Value).Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Key} {c.Value:N0}")))).Append('\n');
        if (result.Verdicts.Count > 0)
        {
            text.Append("verdicts: ").Append(string.Join(", ", result.Verdicts.OrderByDescending(v => v.Value).Select(v => string.Create(CultureInfo.InvariantCulture, $"{v.Key} {v.Value:N0}")))).Append('\n');
        }

        return text.ToString();
    }

    public static string Json(LoadResult result)
    {
        var options = result.Options;
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("target", options.Target.ToString());
            json.WriteString("method", options.Method);
            json.WriteString("loop", options.Rate > 0 ? "open" : "closed");
            json.WriteNumber("rate", options.Rate);
            json.WriteNumber("concurrency", options.Concurrency);
            json.WriteNumber("connections", options.Connections);
            json.WriteNumber("seed", options.Seed);
            json.WriteNumber("seconds", Math.Round(result.Seconds, 3));
            json.WriteNumber("calls", result.Calls);
            json.WriteNumber("rps", Math.Round(result.Rps, 1));
            json.WriteStartObject("latency_ms");
            foreach (double percentile in Percentiles)
            {
                json.WriteNumber(string.Create(CultureInfo.InvariantCulture, $"p{percentile}"), result.LatencyMs(percentile));
            }

            json.WriteNumber("max", result.MaxLatencyMs);
            json.WriteEndObject();
            json.WriteStartObject("status_codes");
            foreach (var (code, count) in result.Codes.OrderBy(c => c.Key))
            {
                json.WriteNumber(code.ToString(), count);
            }

            json.WriteEndObject();
            json.WriteStartObject("verdicts");
            foreach (var (verdict, count) in result.Verdicts.OrderBy(v => v.Key))
            {
                json.WriteNumber(verdict.ToString(), count);
            }

            json.WriteEndObject();
            json.WriteNumber("driver_cpu_us_per_call", Math.Round(result.DriverCpuMicrosecondsPerCall, 2));
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Writes report.json and report.md into <paramref name="folder"/>, creating it.</summary>
    public static void WriteFiles(LoadResult result, string folder)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "report.json"), Json(result));
        File.WriteAllText(Path.Combine(folder, "report.md"), Markdown(result));
    }
}
