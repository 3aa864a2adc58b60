namespace Moderation.Core.Decisions;

/// <summary>One rule that matched a text, with everything a moderator needs to see why.</summary>
public sealed record DecisionReason(
    string RuleId,
    string Category,
    RuleAction Action,
    string AuthorMessage,
    string ModeratorMessage,
    IReadOnlyList<TextSpan> Spans,
    bool Shadow,
    double Weight);
