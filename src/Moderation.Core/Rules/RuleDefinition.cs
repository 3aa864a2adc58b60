using Moderation.Core.Decisions;

namespace Moderation.Core.Rules;

/// <summary>One rule as written in the rules file.</summary>
public sealed record RuleDefinition(
    string Id,
    string Description,
    string Category,
    RuleAction Action,
    string AuthorMessage,
    string ModeratorMessage,
    bool Shadow,
    double Weight,
    IReadOnlyList<string> Terms,
    IReadOnlyList<string> AllowTerms);
