using System.Buffers;
using System.Globalization;
using Moderation.Core.Errors;

namespace Moderation.Core.Events;

/// <summary>
/// A position in the event log, written "milliseconds-sequence" as Redis Stream ids are, so
/// both stores order and compare cursors the same way, then ".log" with the id of the log it
/// belongs to. A log emptied and begun again (Redis lost its data, an in-memory store restarted)
/// has a new id, so a cursor from before is known for what it is instead of resuming in a log
/// that never held its events. Cursors without a log id (handed out before ids existed) are read
/// as before.
/// </summary>
public readonly record struct EventCursor(long Milliseconds, long Sequence, string? Log = null) : IComparable<EventCursor>
{
    public static readonly EventCursor Start = new(0, 0);

    private const int MaxLogIdLength = 32;
    private static readonly SearchValues<char> LogIdCharacters = SearchValues.Create("0123456789abcdefghijklmnopqrstuvwxyz");

    public override string ToString() => Log is null
        ? string.Create(CultureInfo.InvariantCulture, $"{Milliseconds}-{Sequence}")
        : string.Create(CultureInfo.InvariantCulture, $"{Milliseconds}-{Sequence}.{Log}");

    /// <summary>A new log's id: random, so a log begun again never takes its predecessor's.</summary>
    public static string NewLogId() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8));

    /// <summary>This position in the log <paramref name="log"/>.</summary>
    public EventCursor InLog(string? log) => this with { Log = log };

    /// <summary>Whether this cursor was handed out by a log other than <paramref name="log"/> (the current one; null while it has none).</summary>
    public bool IsFromAnotherLog(string? log) => Log is not null && !string.Equals(Log, log, StringComparison.Ordinal);

    public int CompareTo(EventCursor other) =>
        Milliseconds != other.Milliseconds ? Milliseconds.CompareTo(other.Milliseconds) : Sequence.CompareTo(other.Sequence);

    public static bool operator <(EventCursor left, EventCursor right) => left.CompareTo(right) < 0;

    public static bool operator >(EventCursor left, EventCursor right) => left.CompareTo(right) > 0;

    public static bool operator <=(EventCursor left, EventCursor right) => left.CompareTo(right) <= 0;

    public static bool operator >=(EventCursor left, EventCursor right) => left.CompareTo(right) >= 0;

    public static EventCursor Parse(string text, string field)
    {
        var violations = new FieldViolations();
        var cursor = Parse(text, violations, field);
        violations.ThrowIfAny();
        return cursor ?? throw new InvalidRequestException([new FieldViolation(field, "Required.")]);
    }

    /// <summary>Reads a cursor: null for none, and a field violation on <paramref name="field"/> (then null) when it is not one of ours.</summary>
    public static EventCursor? Parse(string? text, FieldViolations violations, string field)
    {
        ArgumentNullException.ThrowIfNull(violations);
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        int dot = text.IndexOf('.', StringComparison.Ordinal);
        var position = dot < 0 ? text.AsSpan() : text.AsSpan(0, dot);
        string? log = dot < 0 ? null : text[(dot + 1)..];
        int dash = position.IndexOf('-');
        if (dash > 0
            && long.TryParse(position[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out long ms)
            && long.TryParse(position[(dash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out long sequence)
            && (log is null || IsLogId(log)))
        {
            return new EventCursor(ms, sequence, log);
        }

        violations.Add(field, "Not a cursor returned by this service.");
        return null;
    }

    private static bool IsLogId(string log) =>
        log.Length is > 0 and <= MaxLogIdLength && !log.AsSpan().ContainsAnyExcept(LogIdCharacters);
}
