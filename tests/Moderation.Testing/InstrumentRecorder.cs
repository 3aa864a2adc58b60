using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Moderation.Testing;

/// <summary>One measurement of an instrument, with its tags.</summary>
public sealed record RecordedMeasurement(double Value, IReadOnlyDictionary<string, object?> Tags)
{
    public string? Tag(string name) => Tags.TryGetValue(name, out var value) ? value as string : null;
}

/// <summary>
/// Every measurement of one instrument from the meters of one <see cref="IMeterFactory"/> (a
/// host's, or a test's own). A meter listener hears every meter in the process; keeping to one
/// factory's keeps out what the hosts of tests running alongside measure.
/// </summary>
public sealed class InstrumentRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<RecordedMeasurement> _measurements = new();

    public InstrumentRecorder(IMeterFactory scope, string meterName, string instrumentName)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, scope) && instrument.Meter.Name == meterName && instrument.Name == instrumentName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>((_, value, tags, _) => Add(value, tags));
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) => Add(value, tags));
        _listener.SetMeasurementEventCallback<int>((_, value, tags, _) => Add(value, tags));
        _listener.Start();
    }

    /// <summary>What was recorded so far, in order.</summary>
    public IReadOnlyList<RecordedMeasurement> Measurements => [.. _measurements];

    /// <summary>Reads an observable instrument (a gauge) now, adding what it reports.</summary>
    public void Observe() => _listener.RecordObservableInstruments();

    /// <summary>Forgets what was recorded so far.</summary>
    public void Clear() => _measurements.Clear();

    /// <summary>The measurements once <paramref name="done"/> holds for them, or as they are when <paramref name="timeout"/> has passed.</summary>
    public async Task<IReadOnlyList<RecordedMeasurement>> WaitForAsync(Func<IReadOnlyList<RecordedMeasurement>, bool> done, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(done);
        var until = DateTime.UtcNow + timeout;
        while (true)
        {
            var now = Measurements;
            if (done(now) || DateTime.UtcNow > until)
            {
                return now;
            }

            await Task.Delay(20);
        }
    }

    public void Dispose() => _listener.Dispose();

    private void Add(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, object?>(tags.Length, StringComparer.Ordinal);
        foreach (var (name, tagValue) in tags)
        {
            copy[name] = tagValue;
        }

        _measurements.Enqueue(new RecordedMeasurement(value, copy));
    }
}

/// <summary>A meter factory of a test's own, for code measured outside a host.</summary>
public sealed class TestMeterFactory : IMeterFactory
{
    private readonly List<Meter> _meters = [];

    public Meter Create(MeterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var meter = new Meter(new MeterOptions(options.Name) { Version = options.Version, Tags = options.Tags, Scope = this });
        lock (_meters)
        {
            _meters.Add(meter);
        }

        return meter;
    }

    public void Dispose()
    {
        lock (_meters)
        {
            _meters.ForEach(m => m.Dispose());
            _meters.Clear();
        }
    }
}
