using System.Globalization;

namespace Moderation.Core.Rules.Brake;

/// <summary>
/// The emergency brake (configuration section <c>RuleBrake</c>): a rule that suddenly matches
/// far more often than it usually does is demoted to shadow until an admin restores it.
/// Matches are counted in whole minutes, so both windows are whole minutes.
/// </summary>
public sealed class RuleBrakeOptions
{
    public const string SectionName = "RuleBrake";

    /// <summary>Whether the brake watches rules at all. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The window a spike is measured over: whole minutes, 1 minute to 1 hour. Default 5 minutes.</summary>
    public TimeSpan RecentWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The window a rule's usual rate is measured over, the recent window at its end left out:
    /// whole minutes, longer than <see cref="RecentWindow"/>, at most 1 day. Default 1 hour.
    /// </summary>
    public TimeSpan BaselineWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How many times its usual rate a rule must match in the recent window to be demoted: 2 to 1,000. Default 10.</summary>
    public double SpikeFactor { get; set; } = 10;

    /// <summary>
    /// The fewest matches in the recent window that can demote a rule, so a quiet rule that
    /// fires twice is not a spike: 1 to 1,000,000. Default 50.
    /// </summary>
    public int MinimumMatches { get; set; } = 50;

    /// <summary>Every problem of these settings, for start-up validation; empty when they are valid.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (!IsWholeMinutes(RecentWindow) || RecentWindow < TimeSpan.FromMinutes(1) || RecentWindow > TimeSpan.FromHours(1))
        {
            problems.Add($"{SectionName}:RecentWindow {Show(RecentWindow)} must be whole minutes from 00:01:00 to 01:00:00.");
        }

        if (!IsWholeMinutes(BaselineWindow) || BaselineWindow > TimeSpan.FromDays(1))
        {
            problems.Add($"{SectionName}:BaselineWindow {Show(BaselineWindow)} must be whole minutes, at most 1.00:00:00.");
        }

        if (BaselineWindow <= RecentWindow)
        {
            problems.Add($"{SectionName}:BaselineWindow {Show(BaselineWindow)} must be longer than {SectionName}:RecentWindow {Show(RecentWindow)}.");
        }

        // Written so that NaN fails too.
        if (!(SpikeFactor >= 2 && SpikeFactor <= 1_000))
        {
            problems.Add($"{SectionName}:SpikeFactor {SpikeFactor.ToString(CultureInfo.InvariantCulture)} must be from 2 to 1000.");
        }

        if (MinimumMatches is < 1 or > 1_000_000)
        {
            problems.Add($"{SectionName}:MinimumMatches {MinimumMatches.ToString(CultureInfo.InvariantCulture)} must be from 1 to 1000000.");
        }

        return problems;
    }

    private static bool IsWholeMinutes(TimeSpan window) => window.Ticks > 0 && window.Ticks % TimeSpan.TicksPerMinute == 0;

    private static string Show(TimeSpan window) => window.ToString("c", CultureInfo.InvariantCulture);
}
