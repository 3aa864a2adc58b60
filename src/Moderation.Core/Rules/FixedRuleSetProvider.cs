namespace Moderation.Core.Rules;

/// <summary>A provider whose rule set never changes (loaded once at start-up, or given by a test).</summary>
public sealed class FixedRuleSetProvider(RuleSet ruleSet) : IRuleSetProvider
{
    public RuleSet Current { get; } = ruleSet;
}
