namespace Moderation.Core.Rules;

/// <summary>Hands out the rule set in force; a reload swaps it atomically for later callers.</summary>
public interface IRuleSetProvider
{
    RuleSet Current { get; }
}
