namespace Moderation.Core.Rules;

/// <summary>A rules file that cannot be activated, with every problem found in it.</summary>
public sealed class InvalidRulesException(string source, IReadOnlyList<RuleError> errors)
    : Exception($"Rules file '{source}' is invalid: " + string.Join("; ", errors))
{
    public IReadOnlyList<RuleError> Errors { get; } = errors;
}
