using Microsoft.Extensions.Logging;
using Moderation.Core.Decisions;
using Moderation.Core.Errors;
using Moderation.Core.Telemetry;

namespace Moderation.Core.Rules.Brake;

/// <summary>
/// The emergency brake: watches how often each deciding rule matches the comments this
/// instance stores, and demotes a rule to shadow (reported, never deciding) when its recent
/// rate jumps far above its own baseline. An admin restores it; a reload that changes the rule
/// clears the demotion too.
/// </summary>
/// <remarks>
/// Counts are per instance, in memory: each instance judges its own traffic against its own
/// past, and its demotions are its own. The state follows the rules in force: the first call
/// after a reload compares the new rules with the old, rule by rule, by fingerprint.
/// </remarks>
public sealed partial class RuleBrake
{
    private readonly IRuleSetProvider _rules;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<RuleBrake> _logger;
    private readonly ModerationMetrics? _metrics;
    private readonly bool _enabled;
    private readonly int _recentMinutes;
    private readonly int _baselineMinutes;
    private readonly double _spikeFactor;
    private readonly int _minimumMatches;
    private readonly Lock _gate = new();
    private volatile State _state = State.Empty;

    /// <summary>Copies <paramref name="options"/>, throwing <see cref="ArgumentException"/> with every problem when they are invalid.</summary>
    public RuleBrake(IRuleSetProvider rules, RuleBrakeOptions options, TimeProvider timeProvider, ILogger<RuleBrake> logger, ModerationMetrics? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        if (options.Problems() is { Count: > 0 } problems)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(options));
        }

        _rules = rules;
        _timeProvider = timeProvider;
        _logger = logger;
        _metrics = metrics;
        _enabled = options.Enabled;
        _recentMinutes = (int)(options.RecentWindow.Ticks / TimeSpan.TicksPerMinute);
        _baselineMinutes = (int)(options.BaselineWindow.Ticks / TimeSpan.TicksPerMinute);
        _spikeFactor = options.SpikeFactor;
        _minimumMatches = options.MinimumMatches;

        // Watching starts now, with the rules in force: their past before now is unknown.
        _ = Current;
    }

    /// <summary>Whether the brake watches rules at all (<see cref="RuleBrakeOptions.Enabled"/>).</summary>
    public bool Enabled => _enabled;

    /// <summary>The ids of the rules demoted now, for <see cref="EvaluationContext.DemotedRules"/>; null when none is.</summary>
    public IReadOnlySet<string>? DemotedRules => _enabled ? Current.DemotedIds : null;

    /// <summary>The demotions in force, by rule id.</summary>
    public IReadOnlyDictionary<string, RuleDemotion> Demotions => _enabled ? Current.Demotions : State.Empty.Demotions;

    /// <summary>
    /// Counts the matches of a comment the service has just stored: each reason that took part
    /// in the decision (not shadow, not demoted) of a rule the brake watches. The match that
    /// makes a rule's recent rate a spike demotes it.
    /// </summary>
    /// <remarks>On every stored submission: no allocation unless a rule is demoted.</remarks>
    public void Record(Decision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        if (!_enabled || decision.Reasons.Count == 0)
        {
            return;
        }

        var state = Current;
        DateTimeOffset now = default;
        long minute = -1;
        var reasons = decision.Reasons;
        for (int i = 0; i < reasons.Count; i++)
        {
            var reason = reasons[i];
            if (reason.Shadow || !state.Watched.TryGetValue(reason.RuleId, out var watched))
            {
                continue;
            }

            // Read once, and only for a comment a watched rule matched.
            if (minute < 0)
            {
                now = _timeProvider.GetUtcNow();
                minute = MinuteOf(now);
            }

            if (watched.Counter.CountAndJudge(minute, _minimumMatches, _spikeFactor, out int recent, out double baseline, out int baselineMinutes))
            {
                Demote(reason.RuleId, watched, now, recent, baseline, baselineMinutes);
            }
        }
    }

    /// <summary>
    /// Lifts the demotion of <paramref name="ruleId"/>; returns the demotion lifted, or null when
    /// the rule was not demoted. The rule is then counted afresh: the admin vouched for its
    /// current rate, so that becomes its baseline.
    /// </summary>
    /// <exception cref="InvalidRequestException">The id is empty or not of the form of a rule id.</exception>
    /// <exception cref="RuleNotFoundException">The rules in force have no such rule.</exception>
    public RuleDemotion? Restore(string ruleId, string restoredBy)
    {
        CheckRestorable(ruleId);
        if (Lift(ruleId) is not { } lifted)
        {
            return null;
        }

        LogRestored(_logger, ruleId, restoredBy, lifted.DemotedAt);
        return lifted;
    }

    /// <summary>Throws unless <paramref name="ruleId"/> names a rule in force (what <see cref="Restore"/> accepts).</summary>
    /// <exception cref="InvalidRequestException">The id is empty or not of the form of a rule id.</exception>
    /// <exception cref="RuleNotFoundException">The rules in force have no such rule.</exception>
    public void CheckRestorable(string ruleId)
    {
        var violations = new FieldViolations();
        if (string.IsNullOrEmpty(ruleId))
        {
            violations.Add("rule_id", "Required.");
        }
        else if (!RuleDefinition.IsValidId(ruleId))
        {
            violations.Add("rule_id", "A rule id is 1 to 64 of a-z, 0-9, '-', '_' and '.'.");
        }

        violations.ThrowIfAny();
        if (!HasRule(_rules.Current, ruleId))
        {
            throw new RuleNotFoundException(ruleId);
        }
    }

    /// <summary>The demotions in force here, each with the definition of the rule it belongs to, for the other instances.</summary>
    public IReadOnlyList<SharedDemotion> Shareable()
    {
        if (!_enabled)
        {
            return [];
        }

        var state = Current;
        var shareable = new List<SharedDemotion>(state.Demotions.Count);
        foreach (var (ruleId, demotion) in state.Demotions)
        {
            if (state.Watched.TryGetValue(ruleId, out var watched))
            {
                shareable.Add(new SharedDemotion(demotion, watched.Fingerprint));
            }
        }

        return shareable;
    }

    /// <summary>The fingerprint of the watched rule <paramref name="ruleId"/>; null when the brake does not watch it.</summary>
    public string? FingerprintOf(string ruleId) => Current.Watched.TryGetValue(ruleId, out var watched) ? watched.Fingerprint : null;

    /// <summary>Takes a demotion another instance made; false when the rule is already demoted here or not watched.</summary>
    public bool Adopt(RuleDemotion demotion)
    {
        ArgumentNullException.ThrowIfNull(demotion);
        if (!_enabled)
        {
            return false;
        }

        _ = Current;
        lock (_gate)
        {
            var state = _state;
            if (state.Demotions.ContainsKey(demotion.RuleId) || !state.Watched.ContainsKey(demotion.RuleId))
            {
                return false;
            }

            var demotions = new Dictionary<string, RuleDemotion>(state.Demotions, StringComparer.Ordinal) { [demotion.RuleId] = demotion };
            Publish(new State(state.RuleSet, state.Watched, demotions));
        }

        LogAdopted(_logger, demotion.RuleId, demotion.DemotedAt);
        return true;
    }

    /// <summary>Lifts a demotion an admin restored on another instance, and counts the rule afresh as <see cref="Restore"/> does.</summary>
    public void Drop(string ruleId)
    {
        if (Lift(ruleId) is { } lifted)
        {
            LogRestoredElsewhere(_logger, ruleId, lifted.DemotedAt);
        }
    }

    private RuleDemotion? Lift(string ruleId)
    {
        if (!_enabled)
        {
            return null;
        }

        _ = Current;
        lock (_gate)
        {
            var state = _state;
            if (!state.Demotions.TryGetValue(ruleId, out var lifted))
            {
                return null;
            }

            var watched = new Dictionary<string, Watched>(state.Watched, StringComparer.Ordinal)
            {
                [ruleId] = new Watched(state.Watched[ruleId].Fingerprint, NewCounter(pastKnownEmpty: false)),
            };
            var demotions = new Dictionary<string, RuleDemotion>(state.Demotions, StringComparer.Ordinal);
            demotions.Remove(ruleId);
            Publish(new State(state.RuleSet, watched, demotions));
            return lifted;
        }
    }

    private State Current
    {
        get
        {
            var state = _state;
            return ReferenceEquals(state.RuleSet, _rules.Current) ? state : Follow();
        }
    }

    /// <summary>
    /// Takes the rules in force: an unchanged rule keeps its counts and its demotion; a changed
    /// one keeps its counts, and a demotion of it ends (counted afresh, as after a restore); a
    /// rule new in a reload starts with a past known to be empty.
    /// </summary>
    private State Follow()
    {
        var cleared = new List<RuleDemotion>();
        State next;
        lock (_gate)
        {
            var previous = _state;
            var ruleSet = _rules.Current;
            if (ReferenceEquals(previous.RuleSet, ruleSet))
            {
                return previous;
            }

            var existedBefore = new HashSet<string>(StringComparer.Ordinal);
            foreach (var rule in previous.RuleSet?.Rules ?? [])
            {
                existedBefore.Add(rule.Id);
            }

            var watched = new Dictionary<string, Watched>(StringComparer.Ordinal);
            var demotions = new Dictionary<string, RuleDemotion>(StringComparer.Ordinal);
            foreach (var rule in ruleSet.Rules)
            {
                if (!rule.BrakeApplies)
                {
                    continue;
                }

                if (!previous.Watched.TryGetValue(rule.Id, out var before))
                {
                    // Only a reload can tell a new rule from one whose past this instance did not see.
                    watched[rule.Id] = new Watched(rule.Fingerprint, NewCounter(pastKnownEmpty: previous.RuleSet is not null && !existedBefore.Contains(rule.Id)));
                }
                else if (!previous.Demotions.TryGetValue(rule.Id, out var demotion))
                {
                    watched[rule.Id] = before.Fingerprint == rule.Fingerprint ? before : new Watched(rule.Fingerprint, before.Counter);
                }
                else if (before.Fingerprint == rule.Fingerprint)
                {
                    watched[rule.Id] = before;
                    demotions[rule.Id] = demotion;
                }
                else
                {
                    watched[rule.Id] = new Watched(rule.Fingerprint, NewCounter(pastKnownEmpty: false));
                }
            }

            // A demotion belongs to the definition that tripped: it ends when the rule changed,
            // became exempt or shadow, or was removed.
            foreach (var (ruleId, demotion) in previous.Demotions)
            {
                if (!demotions.ContainsKey(ruleId))
                {
                    cleared.Add(demotion);
                }
            }

            next = new State(ruleSet, watched, demotions);
            Publish(next);
        }

        foreach (var demotion in cleared)
        {
            LogClearedByReload(_logger, demotion.RuleId, demotion.DemotedAt);
        }

        return next;
    }

    private void Demote(string ruleId, Watched watched, DateTimeOffset now, int recent, double baselinePerMinute, int baselineMinutes)
    {
        RuleDemotion demotion;
        lock (_gate)
        {
            var state = _state;

            // Concurrent matches may trip together, and a reload may have replaced the rule meanwhile.
            if (state.Demotions.ContainsKey(ruleId) || !state.Watched.TryGetValue(ruleId, out var current) || !ReferenceEquals(current, watched))
            {
                return;
            }

            demotion = new RuleDemotion(
                ruleId,
                now,
                recent,
                TimeSpan.FromMinutes(_recentMinutes),
                baselinePerMinute,
                TimeSpan.FromMinutes(baselineMinutes),
                _spikeFactor,
                _minimumMatches);
            var demotions = new Dictionary<string, RuleDemotion>(state.Demotions, StringComparer.Ordinal) { [ruleId] = demotion };
            Publish(new State(state.RuleSet, state.Watched, demotions));
        }

        _metrics?.RuleDemoted(ruleId);
        LogDemoted(_logger, ruleId, demotion.RecentMatches, demotion.RecentWindow, demotion.BaselinePerMinute, demotion.BaselineMeasured, demotion.ThresholdPerMinute, demotion.MinimumMatches);
    }

    /// <summary>Swaps in a new state; called under <see cref="_gate"/>.</summary>
    private void Publish(State next)
    {
        _state = next;
        _metrics?.DemotedRulesChanged([.. next.Demotions.Keys]);
    }

    private RuleMatchCounter NewCounter(bool pastKnownEmpty) =>
        new(_recentMinutes, _baselineMinutes, MinuteOf(_timeProvider.GetUtcNow()), pastKnownEmpty);

    private static long MinuteOf(DateTimeOffset time) => time.UtcTicks / TimeSpan.TicksPerMinute;

    private static bool HasRule(RuleSet ruleSet, string ruleId)
    {
        foreach (var rule in ruleSet.Rules)
        {
            if (rule.Id == ruleId)
            {
                return true;
            }
        }

        return false;
    }

    [LoggerMessage(EventId = 2005, Level = LogLevel.Warning, Message = "Rule {RuleId} demoted to shadow by the emergency brake: {RecentMatches} matches in {RecentWindow} against a baseline of {BaselinePerMinute:0.###} a minute over {BaselineMeasured} (threshold {ThresholdPerMinute:0.###} a minute, at least {MinimumMatches} matches)")]
    private static partial void LogDemoted(ILogger logger, string ruleId, int recentMatches, TimeSpan recentWindow, double baselinePerMinute, TimeSpan baselineMeasured, double thresholdPerMinute, int minimumMatches);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Information, Message = "Rule {RuleId}, demoted by the emergency brake at {DemotedAt:O}, restored by {RestoredBy}")]
    private static partial void LogRestored(ILogger logger, string ruleId, string restoredBy, DateTimeOffset demotedAt);

    [LoggerMessage(EventId = 2007, Level = LogLevel.Information, Message = "Rule {RuleId}, demoted by the emergency brake at {DemotedAt:O}, was changed or removed in a reload; its demotion ends")]
    private static partial void LogClearedByReload(ILogger logger, string ruleId, DateTimeOffset demotedAt);

    [LoggerMessage(EventId = 2008, Level = LogLevel.Warning, Message = "Rule {RuleId} demoted to shadow by the emergency brake on another instance at {DemotedAt}")]
    private static partial void LogAdopted(ILogger logger, string ruleId, DateTimeOffset demotedAt);

    [LoggerMessage(EventId = 2009, Level = LogLevel.Information, Message = "Rule {RuleId} restored on another instance (demoted at {DemotedAt}): it decides again")]
    private static partial void LogRestoredElsewhere(ILogger logger, string ruleId, DateTimeOffset demotedAt);

    /// <summary>A watched rule: the fingerprint its counts belong to, and the counts.</summary>
    private sealed record Watched(string Fingerprint, RuleMatchCounter Counter);

    /// <summary>Everything the brake knows, swapped whole so readers on the hot path take no lock.</summary>
    private sealed class State(RuleSet? ruleSet, Dictionary<string, Watched> watched, Dictionary<string, RuleDemotion> demotions)
    {
        public static readonly State Empty = new(null, new Dictionary<string, Watched>(StringComparer.Ordinal), new Dictionary<string, RuleDemotion>(StringComparer.Ordinal));

        public RuleSet? RuleSet { get; } = ruleSet;

        public Dictionary<string, Watched> Watched { get; } = watched;

        public IReadOnlyDictionary<string, RuleDemotion> Demotions { get; } = demotions;

        public IReadOnlySet<string>? DemotedIds { get; } = demotions.Count == 0 ? null : new HashSet<string>(demotions.Keys, StringComparer.Ordinal);
    }
}
