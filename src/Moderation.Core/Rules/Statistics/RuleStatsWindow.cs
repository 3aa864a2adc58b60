namespace Moderation.Core.Rules.Statistics;

/// <summary>
/// A window the rule statistics are summed over: the last <see cref="Hours"/> whole clock hours
/// and the current one so far (so "the last hour" at 10:20 is 09:00 to 10:20). Counters are kept
/// per clock hour, which is what makes them cheap; the window's start is reported with its sums.
/// </summary>
public sealed record RuleStatsWindow(string Name, int Hours)
{
    public static readonly RuleStatsWindow Hour = new("hour", 1);
    public static readonly RuleStatsWindow Day = new("day", 24);
    public static readonly RuleStatsWindow Week = new("week", 168);

    /// <summary>Every window, shortest first.</summary>
    public static IReadOnlyList<RuleStatsWindow> All { get; } = [Hour, Day, Week];

    /// <summary>The first hour bucket of the window that ends in <paramref name="currentHour"/>.</summary>
    public long FirstHour(long currentHour) => currentHour - Hours;
}
