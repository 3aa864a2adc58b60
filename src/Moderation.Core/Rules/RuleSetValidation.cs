namespace Moderation.Core.Rules;

/// <summary>The verdict on a candidate rules file: the parsed set when valid, otherwise every problem.</summary>
public sealed record RuleSetValidation(RuleSet? Candidate, IReadOnlyList<RuleError> Errors);
