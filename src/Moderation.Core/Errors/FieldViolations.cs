namespace Moderation.Core.Errors;

/// <summary>
/// Collects every problem of a request before failing, so a client fixes all its fields in one
/// round trip instead of discovering them one at a time.
/// </summary>
public sealed class FieldViolations
{
    private List<FieldViolation>? _violations;

    public bool Any => _violations is { Count: > 0 };

    public void Add(string field, string description) =>
        (_violations ??= []).Add(new FieldViolation(field, description));

    /// <summary>
    /// Adds a violation when <paramref name="value"/> is none of its enum's members: a protobuf
    /// enum field carries any number a client sends, named or not.
    /// </summary>
    public void CheckDefined<TEnum>(string field, TEnum value, string description)
        where TEnum : struct, Enum
    {
        if (!Enum.IsDefined(value))
        {
            Add(field, description);
        }
    }

    /// <summary>Throws <see cref="InvalidRequestException"/> when any violation was added.</summary>
    public void ThrowIfAny()
    {
        if (_violations is { Count: > 0 })
        {
            throw new InvalidRequestException(_violations);
        }
    }
}
