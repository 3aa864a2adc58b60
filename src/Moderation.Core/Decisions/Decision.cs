namespace Moderation.Core.Decisions;

/// <summary>The rules' decision on one text: the verdict and every reason behind it.</summary>
public sealed record Decision(
    Verdict Verdict,
    IReadOnlyList<DecisionReason> Reasons,
    string CensoredText,
    bool Flagged,
    double Score,
    string RulesVersion);
