namespace Moderation.Core.Rules;

/// <summary>
/// Scores at which the weights of matched rules hold or reject a comment on their own, so that
/// several weak signals can hold a comment no single one would (the rules file's <c>thresholds:</c>).
/// </summary>
public sealed record ScoreThresholds(double? Hold = null, double? Reject = null)
{
    public static readonly ScoreThresholds None = new();
}
