namespace Moderation.Core.Rules.Statistics;

/// <summary>
/// The rule counters one change adds to: each of <see cref="Fields"/> grows by one in the bucket
/// of the hour <see cref="Hour"/> (hours since the Unix epoch). Worked out by
/// <see cref="RuleCounters"/>; a store only adds them up.
/// </summary>
public sealed record RuleCounterIncrement(long Hour, IReadOnlyList<string> Fields);
