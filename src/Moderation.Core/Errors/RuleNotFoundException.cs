namespace Moderation.Core.Errors;

/// <summary>The rules in force have no rule with this id.</summary>
public sealed class RuleNotFoundException(string ruleId)
    : ModerationException($"The rules in force have no rule '{ruleId}'.")
{
    public string RuleId { get; } = ruleId;
}
