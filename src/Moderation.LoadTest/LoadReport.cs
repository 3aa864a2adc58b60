using System.Globalization;
using System.Text;
using System.Text.Json;
using HdrHistogram;

namespace Moderation.LoadTest;

/// <summary>A run's result as the console summary, JSON (for tools), Markdown (for docs/) and HTML (for people).</summary>
internal static class LoadReport
{
    private static readonly double[] Percentiles = [50, 90, 99, 99.9];

    public static string Markdown(LoadResult result)
    {
        var text = new StringBuilder();
        text.Append(Inv($"{Describe(result)}\n\n"));
        text.Append("| ").Append(string.Join(" | ", SummaryHeaders)).Append(" |\n");
        text.Append(string.Concat(Enumerable.Repeat("| ---: ", SummaryHeaders.Length))).Append("|\n");
        text.Append("| ").Append(string.Join(" | ", SummaryCells(result))).Append(" |\n\n");
        foreach (var (label, value) in Facts(result))
        {
            text.Append(label).Append(": ").Append(value).Append('\n');
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
                json.WriteNumber(Inv($"p{percentile}"), result.LatencyMs(percentile));
            }

            json.WriteNumber("max", result.MaxLatencyMs);
            json.WriteEndObject();
            WriteCounts(json, "status_codes", result.Codes);
            WriteCounts(json, "verdicts", result.Verdicts);
            WriteCounts(json, "mix", result.Kinds);
            json.WriteStartObject("first_errors");
            foreach (var (code, message) in result.FirstErrors.OrderBy(e => e.Key))
            {
                json.WriteString(code.ToString(), message);
            }

            json.WriteEndObject();
            json.WriteNumber("driver_cpu_us_per_call", Math.Round(result.DriverCpuMicrosecondsPerCall, 2));
            if (result.IssueLagMs(50) is { } lagP50 && result.IssueLagMs(99) is { } lagP99)
            {
                json.WriteStartObject("issue_lag_ms");
                json.WriteNumber("p50", lagP50);
                json.WriteNumber("p99", lagP99);
                json.WriteEndObject();
            }

            WriteOptional(json, "server_cpu_us_per_call", result.ServerCpuMicrosecondsPerCall);
            WriteOptional(json, "redis_cpu_us_per_call", result.RedisCpuMicrosecondsPerCall);
            WriteOptional(json, "server_allocated_bytes_per_call", result.AllocatedBytesPerCall);
            WriteOptional(json, "redis_calls_per_call", result.RedisCallsPerCall);
            json.WriteStartArray("seconds_series");
            foreach (var sample in result.Samples)
            {
                json.WriteStartObject();
                json.WriteNumber("at", sample.AtSeconds);
                json.WriteNumber("calls", sample.Calls);
                json.WriteNumber("failures", sample.Failures);
                json.WriteNumber("p50_ms", sample.P50Ms);
                json.WriteNumber("p99_ms", sample.P99Ms);
                json.WriteNumber("max_ms", sample.MaxMs);
                if (sample.ServerWorkingSet is { } workingSet)
                {
                    json.WriteNumber("server_working_set_bytes", workingSet);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>
    /// One page with everything inline (styles and SVG charts, no script, nothing fetched):
    /// the summary, calls and latency in each second, and the latency distribution.
    /// </summary>
    public static string Html(LoadResult result)
    {
        var page = new StringBuilder();
        page.Append("""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Moderation load report</title>
            <style>
            body { font: 14px/1.4 system-ui, sans-serif; margin: 2rem auto; max-width: 960px; color: #1b1b1b; padding: 0 1rem; }
            table { border-collapse: collapse; margin: 1rem 0; }
            th, td { border: 1px solid #bbb; padding: .3rem .6rem; text-align: right; }
            th { background: #eee; }
            svg { width: 100%; height: auto; border: 1px solid #ddd; background: #fff; }
            .p50 { stroke: #1f5fa8; } .p99 { stroke: #b3261e; } .max { stroke: #888; stroke-dasharray: 4 3; }
            .calls { fill: #8fb8de; } .axis { stroke: #444; } .grid { stroke: #eee; }
            text { font-size: 11px; fill: #333; }
            .legend span { margin-right: 1rem; } .swatch { display: inline-block; width: 1rem; height: .6rem; margin-right: .3rem; }
            </style>
            </head>
            <body>
            <h1>Moderation load report</h1>
            """);
        page.Append("<p>").Append(Escape(Describe(result))).Append("</p>\n");
        page.Append("<table><tr>").Append(string.Concat(SummaryHeaders.Select(h => $"<th>{Escape(h)}</th>"))).Append("</tr>\n");
        page.Append("<tr>").Append(string.Concat(SummaryCells(result).Select(c => $"<td>{c}</td>"))).Append("</tr></table>\n");
        page.Append("<ul>\n");
        foreach (var (label, value) in Facts(result))
        {
            page.Append("<li>").Append(Escape(label.Trim())).Append(": ").Append(Escape(value)).Append("</li>\n");
        }

        page.Append("</ul>\n<h2>Each second</h2>\n");
        page.Append("""<p class="legend"><span><i class="swatch" style="background:#8fb8de"></i>calls completed</span><span><i class="swatch" style="background:#1f5fa8"></i>p50</span><span><i class="swatch" style="background:#b3261e"></i>p99</span><span><i class="swatch" style="background:#888"></i>max</span></p>""").Append('\n');
        page.Append(OverTime(result.Samples));
        page.Append("<h2>Latency distribution</h2>\n<p>Latency at each percentile of the window; the horizontal axis is logarithmic in the nines, so the tail gets the room.</p>\n");
        page.Append(Distribution(result));
        page.Append("</body>\n</html>\n");
        return page.ToString();
    }

    /// <summary>Writes report.json, report.md and report.html into <paramref name="folder"/>, creating it.</summary>
    public static void WriteFiles(LoadResult result, string folder)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "report.json"), Json(result));
        File.WriteAllText(Path.Combine(folder, "report.md"), Markdown(result));
        File.WriteAllText(Path.Combine(folder, "report.html"), Html(result));
    }

    private const int ChartWidth = 900;
    private const int ChartHeight = 300;
    private const int Left = 60;
    private const int Bottom = 30;
    private const int Top = 10;
    private const int Right = 90;

    private static string OverTime(IReadOnlyList<LoadSample> samples)
    {
        var svg = new StringBuilder();
        svg.Append(Inv($"""<svg id="over-time" viewBox="0 0 {ChartWidth} {ChartHeight}" role="img" aria-label="Calls and latency in each second">""")).Append('\n');
        if (samples.Count == 0)
        {
            return svg.Append("</svg>\n").ToString();
        }

        double seconds = Math.Max(1, samples[^1].AtSeconds);
        double maxMs = Nice(samples.Max(s => s.MaxMs));
        double maxCalls = Nice(samples.Max(s => s.Calls));
        double plotWidth = ChartWidth - Left - Right;
        double plotHeight = ChartHeight - Top - Bottom;
        double X(double at) => Left + (at / seconds * plotWidth);
        double Y(double value, double max) => Top + plotHeight - (max <= 0 ? 0 : Math.Min(1, value / max) * plotHeight);
        Axes(svg, maxMs, "ms", maxCalls, "calls/s");
        double barWidth = Math.Max(1, plotWidth / samples.Count - 1);
        svg.Append("""<g class="calls">""");
        double previous = 0;
        foreach (var sample in samples)
        {
            double width = sample.AtSeconds - previous;
            double rate = width <= 0 ? 0 : sample.Calls / width;
            svg.Append(Inv($"""<rect x="{X(previous):0.#}" y="{Y(rate, maxCalls):0.#}" width="{barWidth:0.#}" height="{Top + plotHeight - Y(rate, maxCalls):0.#}"><title>{sample.AtSeconds:0.#} s: {rate:N0} calls/s, {sample.Failures:N0} failed</title></rect>"""));
            previous = sample.AtSeconds;
        }

        svg.Append("</g>\n");
        Line(svg, "p50", samples.Select(s => (X(s.AtSeconds), Y(s.P50Ms, maxMs))));
        Line(svg, "p99", samples.Select(s => (X(s.AtSeconds), Y(s.P99Ms, maxMs))));
        Line(svg, "max", samples.Select(s => (X(s.AtSeconds), Y(s.MaxMs, maxMs))));
        svg.Append(Inv($"""<text x="{Left + plotWidth / 2:0}" y="{ChartHeight - 4}" text-anchor="middle">seconds into the window (0–{seconds:0})</text>"""));
        return svg.Append("</svg>\n").ToString();
    }

    private static string Distribution(LoadResult result)
    {
        var svg = new StringBuilder();
        svg.Append(Inv($"""<svg id="distribution" viewBox="0 0 {ChartWidth} {ChartHeight}" role="img" aria-label="Latency by percentile">""")).Append('\n');
        if (result.Calls == 0)
        {
            return svg.Append("</svg>\n").ToString();
        }

        // Up to 99.999%: five nines on the axis, each nine the same width.
        const double Nines = 5;
        double maxMs = Nice(result.MaxLatencyMs);
        double plotWidth = ChartWidth - Left - Right;
        double plotHeight = ChartHeight - Top - Bottom;
        double X(double percentile) => Left + (Math.Min(Nines, -Math.Log10(Math.Max(1e-5, 1 - (percentile / 100)))) / Nines * plotWidth);
        double Y(double ms) => Top + plotHeight - (maxMs <= 0 ? 0 : Math.Min(1, ms / maxMs) * plotHeight);
        Axes(svg, maxMs, "ms", 0, "");
        foreach (var (label, percentile) in new[] { ("50%", 50.0), ("90%", 90), ("99%", 99), ("99.9%", 99.9), ("99.99%", 99.99), ("99.999%", 99.999) })
        {
            svg.Append(Inv($"""<line class="grid" x1="{X(percentile):0.#}" y1="{Top}" x2="{X(percentile):0.#}" y2="{Top + plotHeight}"/><text x="{X(percentile):0.#}" y="{ChartHeight - 12}" text-anchor="middle">{label}</text>"""));
        }

        var points = result.Latency.Percentiles(5)
            .Where(v => v.Percentile < 100)
            .Select(v => (X(v.Percentile), Y(result.Latency.HighestEquivalentValue(v.ValueIteratedTo) / 1000.0)));
        Line(svg, "p99", points);
        return svg.Append("</svg>\n").ToString();
    }

    private static void Axes(StringBuilder svg, double maxLeft, string leftUnit, double maxRight, string rightUnit)
    {
        double plotWidth = ChartWidth - Left - Right;
        double plotHeight = ChartHeight - Top - Bottom;
        for (int step = 0; step <= 4; step++)
        {
            double y = Top + plotHeight - (step / 4.0 * plotHeight);
            svg.Append(Inv($"""<line class="grid" x1="{Left}" y1="{y:0.#}" x2="{Left + plotWidth}" y2="{y:0.#}"/><text x="{Left - 6}" y="{y + 4:0.#}" text-anchor="end">{maxLeft * step / 4:0.##} {leftUnit}</text>"""));
            if (maxRight > 0)
            {
                svg.Append(Inv($"""<text x="{Left + plotWidth + 6}" y="{y + 4:0.#}">{maxRight * step / 4:N0} {rightUnit}</text>"""));
            }
        }

        svg.Append(Inv($"""<line class="axis" x1="{Left}" y1="{Top + plotHeight}" x2="{Left + plotWidth}" y2="{Top + plotHeight}"/><line class="axis" x1="{Left}" y1="{Top}" x2="{Left}" y2="{Top + plotHeight}"/>""")).Append('\n');
    }

    private static void Line(StringBuilder svg, string series, IEnumerable<(double X, double Y)> points) =>
        svg.Append(Inv($"""<polyline class="{series}" data-series="{series}" fill="none" stroke-width="1.5" points="{string.Join(' ', points.Select(p => Inv($"{p.X:0.#},{p.Y:0.#}")))}"/>""")).Append('\n');

    /// <summary>A round axis maximum at or above <paramref name="value"/>: 1, 2 or 5 times a power of ten.</summary>
    private static double Nice(double value)
    {
        if (value <= 0)
        {
            return 1;
        }

        double power = Math.Pow(10, Math.Floor(Math.Log10(value)));
        return new[] { 1.0, 2, 5, 10 }.Select(m => m * power).First(m => m >= value);
    }

    private static string Describe(LoadResult result)
    {
        var options = result.Options;
        string loop = options.Rate > 0 ? Inv($"open loop at {options.Rate:N0} calls/s (at most {options.Concurrency:N0} in flight)") : Inv($"closed loop, {options.Concurrency:N0} in flight");
        return Inv($"method {options.Method}, {loop} over {options.Connections} connections, {result.Seconds:0.0} s measured, seed {options.Seed}");
    }

    private static readonly string[] SummaryHeaders = ["calls", "rps", "p50 ms", "p90 ms", "p99 ms", "p99.9 ms", "max ms", "driver CPU µs/call"];

    /// <summary>The summary row under <see cref="SummaryHeaders"/>, in both the Markdown and the HTML report.</summary>
    private static string[] SummaryCells(LoadResult result) =>
    [
        Inv($"{result.Calls:N0}"), Inv($"{result.Rps:N0}"), Inv($"{result.LatencyMs(50):0.00}"), Inv($"{result.LatencyMs(90):0.00}"),
        Inv($"{result.LatencyMs(99):0.00}"), Inv($"{result.LatencyMs(99.9):0.00}"), Inv($"{result.MaxLatencyMs:0.00}"), Inv($"{result.DriverCpuMicrosecondsPerCall:0.0}"),
    ];

    /// <summary>The lines under the summary, in both reports: the costs, the status codes with each failure's first message, the verdicts and the mix.</summary>
    private static IEnumerable<(string Label, string Value)> Facts(LoadResult result)
    {
        foreach (var line in CostLines(result))
        {
            yield return line;
        }

        if (result.IssueLagMs(50) is { } lagP50 && result.IssueLagMs(99) is { } lagP99)
        {
            yield return ("calls issued late by the driver", Inv($"p50 {lagP50:0.00} ms, p99 {lagP99:0.00} ms (counted in the latency above)"));
        }

        yield return ("status codes", Counts(result.Codes));
        foreach (var (code, message) in result.FirstErrors.OrderBy(e => e.Key))
        {
            yield return (Inv($"  first {code}"), message);
        }

        if (result.Verdicts.Count > 0)
        {
            yield return ("verdicts", Counts(result.Verdicts));
        }

        if (result.Kinds.Count > 1)
        {
            yield return ("mix", Counts(result.Kinds));
        }
    }

    private static IEnumerable<(string Label, string Value)> CostLines(LoadResult result)
    {
        if (result.ServerCpuMicrosecondsPerCall is { } server)
        {
            // No gRPC service answers a call in under a microsecond: a process that spent less
            // is not the one that served them, most often the `dotnet run` parent of the service.
            yield return ("server CPU", server < 1 && result.Calls > 0
                ? Inv($"{server:0.0} µs/call: --server-pid {result.Options.ServerPid} did almost no work; it is not the service's own process (under dotnet run the service is a child: pgrep -f 'net10.0/Moderation.Server')")
                : Inv($"{server:0.0} µs/call"));
        }

        if (result.RedisCpuMicrosecondsPerCall is { } redis)
        {
            yield return ("Redis CPU", Inv($"{redis:0.0} µs/call"));
        }

        if (result.AllocatedBytesPerCall is { } bytes)
        {
            yield return ("server allocated", Inv($"{bytes:N0} B/call"));
        }

        if (result.RedisCallsPerCall is { } calls)
        {
            yield return ("Redis calls", Inv($"{calls:0.00}/call (pipelined calls share a round trip)"));
        }

        var memory = result.Samples.Where(s => s.ServerWorkingSet is not null).Select(s => s.ServerWorkingSet!.Value).ToList();
        if (memory.Count > 0)
        {
            yield return ("server working set", Inv($"{memory[0] / 1048576.0:0.0} MiB at the start, {memory[^1] / 1048576.0:0.0} MiB at the end, {memory.Max() / 1048576.0:0.0} MiB at most"));
        }
    }

    private static string Counts<TKey>(IReadOnlyDictionary<TKey, long> counts)
        where TKey : notnull =>
        string.Join(", ", counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key.ToString(), StringComparer.Ordinal).Select(c => Inv($"{c.Key} {c.Value:N0}")));

    private static void WriteCounts<TKey>(Utf8JsonWriter json, string name, IReadOnlyDictionary<TKey, long> counts)
        where TKey : notnull
    {
        json.WriteStartObject(name);
        foreach (var (key, count) in counts.OrderBy(c => c.Key.ToString(), StringComparer.Ordinal))
        {
            json.WriteNumber(key.ToString()!, count);
        }

        json.WriteEndObject();
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, Math.Round(v, 2));
        }
    }

    private static string Escape(string text) => System.Net.WebUtility.HtmlEncode(text);

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
