using System.Globalization;
using Moderation.Core.Errors;

namespace Moderation.Core.Events;

/// <summary>
/// A position in the event log, written "milliseconds-sequence" as Redis Stream ids are, so
/// both stores order and compare cursors the same way.
/// </summary>
public readonly record struct EventCursor(long Milliseconds, long Sequence) : IComparable<EventCursor>
{
    public static readonly EventCursor Start = new(0, 0);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Milliseconds}-{Sequence}");

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

        int dash = text.IndexOf('-', StringComparison.Ordinal);
        if (dash > 0
            && long.TryParse(text.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out long ms)
            && long.TryParse(text.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out long sequence))
        {
            return new EventCursor(ms, sequence);
        }

        violations.Add(field, "Not a cursor returned by this service.");
        return null;
    }
}
