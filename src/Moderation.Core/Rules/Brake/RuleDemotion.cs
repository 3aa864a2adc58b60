namespace Moderation.Core.Rules.Brake;

/// <summary>
/// A rule the emergency brake demoted to shadow, with the figures that tripped it: it matched
/// <see cref="RecentMatches"/> times in <see cref="RecentWindow"/>, at least
/// <see cref="MinimumMatches"/> and at a rate above <see cref="ThresholdPerMinute"/>.
/// </summary>
/// <param name="RuleId">The demoted rule.</param>
/// <param name="DemotedAt">When the match that tripped the brake was counted.</param>
/// <param name="RecentMatches">Its matches in the recent window, that match included.</param>
/// <param name="RecentWindow">The window they were counted over.</param>
/// <param name="BaselinePerMinute">Its usual rate: matches a minute over the baseline it was measured on.</param>
/// <param name="BaselineMeasured">
/// How long that baseline was measured over: the baseline window without the recent window,
/// or less when this instance has watched the rule for less time than that.
/// </param>
/// <param name="SpikeFactor">How many times its usual rate it had to exceed.</param>
/// <param name="MinimumMatches">The fewest matches that could trip.</param>
public sealed record RuleDemotion(
    string RuleId,
    DateTimeOffset DemotedAt,
    int RecentMatches,
    TimeSpan RecentWindow,
    double BaselinePerMinute,
    TimeSpan BaselineMeasured,
    double SpikeFactor,
    int MinimumMatches)
{
    /// <summary>Its rate in the recent window, in matches a minute.</summary>
    public double RecentPerMinute => RecentMatches / RecentWindow.TotalMinutes;

    /// <summary>The rate the recent window had to exceed: <see cref="SpikeFactor"/> times the baseline.</summary>
    public double ThresholdPerMinute => SpikeFactor * BaselinePerMinute;
}
