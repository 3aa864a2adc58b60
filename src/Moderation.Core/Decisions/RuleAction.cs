namespace Moderation.Core.Decisions;

/// <summary>What a rule does when it matches, ordered from least to most severe.</summary>
/// <remarks>The numeric order is the severity order: the most severe matching action wins.</remarks>
public enum RuleAction
{
    Approve = 1,
    Flag = 2,
    Censor = 3,
    Hold = 4,
    Reject = 5,
}
