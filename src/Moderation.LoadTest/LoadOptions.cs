using System.Globalization;

namespace Moderation.LoadTest;

/// <summary>What to run: parsed from the command line, every problem reported at once.</summary>
internal sealed record LoadOptions(Uri Target, string? Token, string Method, TimeSpan Duration, TimeSpan Warmup, int Concurrency, int Connections, int Seed, int Rate = 0, string? Report = null, int ServerPid = 0, int RedisPid = 0, Uri? Metrics = null, bool Progress = false, IReadOnlyList<string>? CompareMethods = null, int Rounds = 5)
{
    private static readonly string[] Methods = ["mix", "submit", "test", "health"];

    /// <summary>The methods to measure in alternating rounds; empty for a single run of <see cref="Method"/>.</summary>
    public IReadOnlyList<string> Compare => CompareMethods ?? [];

    public const string Usage = """
        Moderation.LoadTest: load on the Moderation gRPC API, closed loop (a number of calls in
        flight) or open loop (a fixed rate, latency counted from when each call was due).
          --target URL        the service (default http://127.0.0.1:5000)
          --token KEY         an API key or JWT sent as 'authorization: Bearer KEY' (or MODERATION_TOKEN)
          --method NAME       mix (default): the traffic of a news site's threads, clean comments in four
                              languages, profanity with evasions, spam, contact details, repeats, campaigns,
                              replies, hot authors and a hot article, reports and moderators' decisions;
                              submit: new comments only, each from its own author (the throughput workload);
                              test: RulesService/TestComment (the rules, nothing stored);
                              health: grpc.health.v1.Health/Check (the baseline)
          --duration SPAN     how long to measure, e.g. 10s, 1m (default 10s)
          --warmup SPAN       how long to run before measuring (default 2s)
          --concurrency N     calls in flight (default 64); with --rate, the most in flight at once
          --rate N            open loop: N calls a second, each timed from when it was due, so a
                              stalled server shows in the latency (no coordinated omission); 0 (default): closed loop
          --connections N     HTTP/2 connections the calls spread over (default 2)
          --seed N            the seed of the generated comments (default 1)
          --report DIR        also write report.json, report.md and report.html into DIR
          --server-pid N      the service's process id: report its CPU and memory per call
          --redis-pid N       Redis's process id: report its CPU per call
          --metrics URL       the service's Prometheus endpoint (e.g. http://127.0.0.1:5080/metrics):
                              report its allocations and Redis calls per call
          --compare A,B,...   measure several methods in alternating rounds (e.g. health,test,submit)
                              and report the medians and their ratios to the first (compare.md, compare.json)
          --rounds N          rounds of --compare (default 5)
          --progress on|off   a live progress line on stderr (default: on when stderr is a terminal)
        """;

    public static LoadOptions Parse(string[] args, out List<string> problems)
    {
        problems = [];
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                problems.Add($"Expected '--name value', got '{args[i]}'.");
                continue;
            }

            values[args[i][2..]] = args[++i];
        }

        foreach (string unknown in values.Keys.Except(["target", "token", "method", "duration", "warmup", "concurrency", "connections", "seed", "rate", "report", "server-pid", "redis-pid", "metrics", "progress", "compare", "rounds"]))
        {
            problems.Add($"Unknown option --{unknown}.");
        }

        var found = problems;
        Uri target = Uri.TryCreate(values.GetValueOrDefault("target", "http://127.0.0.1:5000"), UriKind.Absolute, out var uri) ? uri : Fail<Uri>("--target must be an absolute URL.", new Uri("http://invalid"));
        string method = values.GetValueOrDefault("method", "mix");
        if (!Methods.Contains(method))
        {
            problems.Add("--method must be mix, submit, test or health.");
        }

        var compare = values.TryGetValue("compare", out string? compareText) ? compareText.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) : [];
        if (compare.Any(m => !Methods.Contains(m)) || (compareText is not null && compare.Length < 2))
        {
            problems.Add("--compare must list two or more of mix, submit, test, health, separated by commas.");
        }

        Uri? metrics = values.TryGetValue("metrics", out string? metricsText)
            ? Uri.TryCreate(metricsText, UriKind.Absolute, out var metricsUri) && metricsUri.Scheme is "http" or "https" ? metricsUri : Fail<Uri?>("--metrics must be an http(s) URL.", null)
            : null;
        bool progress = values.GetValueOrDefault("progress") switch
        {
            null => !Console.IsErrorRedirected,
            "on" => true,
            "off" => false,
            _ => Fail("--progress must be on or off.", false),
        };

        return new LoadOptions(
            target,
            values.GetValueOrDefault("token") ?? Environment.GetEnvironmentVariable("MODERATION_TOKEN"),
            method,
            Span("duration", "10s"),
            Span("warmup", "2s"),
            Count("concurrency", "64", 1, 10_000),
            Count("connections", "2", 1, 64),
            Count("seed", "1", 0, int.MaxValue),
            Count("rate", "0", 0, 1_000_000),
            values.GetValueOrDefault("report"),
            Count("server-pid", "0", 0, int.MaxValue),
            Count("redis-pid", "0", 0, int.MaxValue),
            metrics,
            progress,
            compare,
            Count("rounds", "5", 1, 100));

        T Fail<T>(string problem, T fallback)
        {
            found.Add(problem);
            return fallback;
        }

        TimeSpan Span(string name, string fallback)
        {
            string text = values.GetValueOrDefault(name, fallback);
            double? number = double.TryParse(text.TrimEnd('s', 'm'), NumberStyles.Float, CultureInfo.InvariantCulture, out double n) ? n : null;
            return (number, text[^1]) switch
            {
                ({ } v, 's') when v >= 0 => TimeSpan.FromSeconds(v),
                ({ } v, 'm') when v >= 0 => TimeSpan.FromMinutes(v),
                _ => Fail($"--{name} must be a number of seconds or minutes, e.g. 10s or 1m.", TimeSpan.Zero),
            };
        }

        int Count(string name, string fallback, int min, int max) =>
            int.TryParse(values.GetValueOrDefault(name, fallback), NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n >= min && n <= max
                ? n
                : Fail($"--{name} must be {min} to {max}.", min);
    }
}
