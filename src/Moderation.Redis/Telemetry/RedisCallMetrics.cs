using System.Diagnostics;
using System.Diagnostics.Metrics;
using Moderation.Core.Telemetry;

namespace Moderation.Redis.Telemetry;

/// <summary>
/// How long each Redis call took and how it ended, on the service's meter
/// (<see cref="ModerationMetrics.MeterName"/>), by operation and outcome. A call is one store
/// operation (<see cref="RedisOperation"/>); on a submission's path each is one round trip.
/// </summary>
public sealed class RedisCallMetrics
{
    public const string DurationName = "moderation.redis.call.duration";
    public const string ErrorsName = "moderation.redis.call.errors";

    // From 100 µs (a pipelined read on a local Redis) to 5 s (the client's own timeout).
    private static readonly double[] Buckets = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

    private readonly Histogram<double> _duration;
    private readonly Counter<long> _errors;

    public RedisCallMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(ModerationMetrics.MeterName);
        _duration = meter.CreateHistogram(DurationName, "s", "Redis calls by operation and outcome: how long each took, and (its count) how many were made.", tags: null, new InstrumentAdvice<double> { HistogramBucketBoundaries = Buckets });
        _errors = meter.CreateCounter<long>(ErrorsName, "{call}", "Redis calls that failed, by operation and outcome (timeout, unavailable, error).");
    }

    internal void Record(string operation, string outcome, TimeSpan elapsed)
    {
        // Constant strings in a TagList: recording a call allocates nothing.
        var tags = new TagList { { "operation", operation }, { "outcome", outcome } };
        _duration.Record(elapsed.TotalSeconds, tags);
        if (RedisCallOutcome.IsError(outcome))
        {
            _errors.Add(1, tags);
        }
    }
}
