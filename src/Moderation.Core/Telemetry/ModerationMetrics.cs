using System.Diagnostics.Metrics;
using Moderation.Core.Decisions;
using Moderation.Core.RateLimiting;
using Moderation.Core.Workflow;

namespace Moderation.Core.Telemetry;

/// <summary>
/// The service's own instruments, on the meter <see cref="MeterName"/>: what was decided and
/// by which rules, which limits refused, whether limits are degraded, rule reloads, rules the
/// emergency brake demoted, and the queues. Exporters (Prometheus, OTLP) are the host's
/// business; this only counts.
/// </summary>
public sealed class ModerationMetrics
{
    public const string MeterName = "Moderation";

    private readonly Counter<long> _decisions;
    private readonly Counter<long> _ruleMatches;
    private readonly Counter<long> _refusals;
    private readonly Counter<long> _reloads;
    private readonly Counter<long> _demotions;
    private IReadOnlyList<QueueStats> _queues = [];
    private SubmissionRateLimiter? _limiter;
    private IReadOnlyList<string> _demoted = [];

    public ModerationMetrics(IMeterFactory meterFactory, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var meter = meterFactory.Create(MeterName);
        _decisions = meter.CreateCounter<long>("moderation.decisions", "{comment}", "New comments decided by the rules, by verdict.");
        _ruleMatches = meter.CreateCounter<long>("moderation.rule.matches", "{match}", "Rules that matched a new comment, by rule and action (shadow rules included).");
        _refusals = meter.CreateCounter<long>("moderation.ratelimit.refusals", "{submission}", "Submissions refused by a rate limit, by limit.");
        _reloads = meter.CreateCounter<long>("moderation.rules.reloads", "{reload}", "Reloads of the rules file, by result.");
        meter.CreateObservableGauge("moderation.ratelimit.degraded", () => _limiter?.IsDegraded == true ? 1 : 0, unit: null, "1 while limits are checked per instance because the shared store failed (the last 30 s), else 0.");
        _demotions = meter.CreateCounter<long>("moderation.rules.demotions", "{demotion}", "Rules the emergency brake demoted to shadow, by rule.");
        meter.CreateObservableGauge("moderation.rules.demoted", () => _demoted.Select(rule => new Measurement<long>(1, new KeyValuePair<string, object?>("rule", rule))), "{rule}", "Rules demoted to shadow by the emergency brake now: 1 for each, by rule.");
        meter.CreateObservableGauge("moderation.queue.depth", () => _queues.Select(q => new Measurement<long>(q.Depth, new KeyValuePair<string, object?>("queue", QueueName(q.Queue)))), "{comment}", "Comments waiting in each queue.");
        meter.CreateObservableGauge("moderation.queue.oldest_age", () => _queues.Select(q => new Measurement<double>(q.OldestEnqueuedAt is { } oldest ? Math.Max(0, (timeProvider.GetUtcNow() - oldest).TotalSeconds) : 0, new KeyValuePair<string, object?>("queue", QueueName(q.Queue)))), "s", "Age of the oldest comment in each queue.");
    }

    /// <summary>A new comment's decision: its verdict, and each rule that matched.</summary>
    public void Decided(Decision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        _decisions.Add(1, new KeyValuePair<string, object?>("verdict", TagOf(decision.Verdict)));
        foreach (var reason in decision.Reasons)
        {
            _ruleMatches.Add(1, new KeyValuePair<string, object?>("rule", reason.RuleId), new KeyValuePair<string, object?>("action", TagOf(reason.Action)));
        }
    }

    public void Refused(string limit) => _refusals.Add(1, new KeyValuePair<string, object?>("limit", limit));

    public void RulesReloaded(bool loaded) => _reloads.Add(1, new KeyValuePair<string, object?>("result", loaded ? "loaded" : "rejected"));

    /// <summary>The limiter whose degraded mode the gauge reports; until there is one, limits are not degraded.</summary>
    public void ObserveRateLimits(SubmissionRateLimiter limiter) => _limiter = limiter ?? throw new ArgumentNullException(nameof(limiter));

    public void RuleDemoted(string ruleId) => _demotions.Add(1, new KeyValuePair<string, object?>("rule", ruleId));

    /// <summary>The rules the demoted gauge reports, as the brake last changed them.</summary>
    public void DemotedRulesChanged(IReadOnlyList<string> ruleIds) => _demoted = ruleIds;

    /// <summary>The queue depths the gauges report, as last read from the store.</summary>
    public void QueuesRead(IReadOnlyList<QueueStats> queues) => _queues = queues;

    // Tag values are constants, so a submission allocates no strings for them.
    private static string QueueName(QueueKind queue) => queue switch
    {
        QueueKind.Pending => "pending",
        QueueKind.Reported => "reported",
        QueueKind.Hidden => "hidden",
        _ => "other",
    };

    internal static string TagOf(Verdict verdict) => verdict switch
    {
        Verdict.Approved => "approved",
        Verdict.PendingReview => "pendingreview",
        Verdict.Rejected => "rejected",
        _ => "other",
    };

    private static string TagOf(RuleAction action) => action switch
    {
        RuleAction.Approve => "approve",
        RuleAction.Flag => "flag",
        RuleAction.Censor => "censor",
        RuleAction.Hold => "hold",
        RuleAction.Reject => "reject",
        _ => "other",
    };
}
