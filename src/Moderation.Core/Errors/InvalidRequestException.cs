namespace Moderation.Core.Errors;

/// <summary>The request is malformed; every offending field is listed.</summary>
public sealed class InvalidRequestException(IReadOnlyList<FieldViolation> violations)
    : ModerationException(Describe(violations))
{
    public IReadOnlyList<FieldViolation> Violations { get; } = violations;

    private static string Describe(IReadOnlyList<FieldViolation> violations) =>
        "Invalid request: " + string.Join("; ", violations.Select(v => $"{v.Field}: {v.Description}"));
}
