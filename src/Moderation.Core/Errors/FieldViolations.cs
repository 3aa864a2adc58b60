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

    /// <summary>Throws <see cref="InvalidRequestException"/> when any violation was added.</summary>
    public void ThrowIfAny()
    {
        if (_violations is { Count: > 0 })
        {
            throw new InvalidRequestException(_violations);
        }
    }
}
