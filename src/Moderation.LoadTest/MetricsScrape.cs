using System.Globalization;

namespace Moderation.LoadTest;

/// <summary>
/// Reads the service's Prometheus endpoint before and after the window, for what only the
/// service can count: the bytes it allocated and the Redis calls it made.
/// </summary>
internal static class MetricsScrape
{
    /// <summary>The .NET runtime's count of bytes allocated on the GC heap since the process started.</summary>
    public const string AllocatedBytes = "dotnet_gc_heap_total_allocated_bytes_total";

    /// <summary>
    /// One observation per Redis call the service made (a call may pipeline several commands:
    /// a new comment's three reads go out together, so its 4 calls are 2 round trips).
    /// </summary>
    public const string RedisCalls = "moderation_redis_call_duration_seconds_count";

    /// <summary>Reads the service makes every few seconds whatever the load (the queue gauges, the brake's shared demotions): not the calls' cost.</summary>
    private static readonly string[] BackgroundCalls = ["operation=\"queue.stats\"", "operation=\"demotions.read\""];

    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    /// <summary>Each series' name with its values summed over all label sets; empty without an endpoint.</summary>
    public static async Task<IReadOnlyDictionary<string, double>> ReadAsync(Uri? endpoint, CancellationToken cancellationToken)
    {
        if (endpoint is null)
        {
            return new Dictionary<string, double>();
        }

        return Parse(await Http.GetStringAsync(endpoint, cancellationToken));
    }

    /// <summary>The Prometheus text format's samples, summed by metric name (labels dropped).</summary>
    public static Dictionary<string, double> Parse(string exposition)
    {
        var sums = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (string line in exposition.Split('\n'))
        {
            if (line.Length == 0 || line[0] == '#' || BackgroundCalls.Any(call => line.Contains(call, StringComparison.Ordinal)))
            {
                continue;
            }

            int nameEnd = line.IndexOfAny(['{', ' ']);
            if (nameEnd <= 0)
            {
                continue;
            }

            int brace = line.LastIndexOf('}');
            int valueStart = brace >= 0 ? brace + 1 : nameEnd;
            string[] rest = line[valueStart..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (rest.Length == 0 || !double.TryParse(rest[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
            {
                continue;
            }

            string name = line[..nameEnd];
            sums[name] = sums.GetValueOrDefault(name) + value;
        }

        return sums;
    }

    /// <summary>How much <paramref name="name"/> grew, or null when either scrape lacks it.</summary>
    public static long? Delta(IReadOnlyDictionary<string, double> before, IReadOnlyDictionary<string, double> after, string name) =>
        before.TryGetValue(name, out double start) && after.TryGetValue(name, out double end) ? (long)(end - start) : null;
}
