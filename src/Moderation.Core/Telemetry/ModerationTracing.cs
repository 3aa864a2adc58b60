using System.Diagnostics;

namespace Moderation.Core.Telemetry;

/// <summary>
/// The service's own spans, on the activity source <see cref="SourceName"/>: the rules' evaluation
/// of a comment and each Redis call. With no listener (tracing not configured) starting a span
/// returns null and costs a check, so the spans need no switch of their own.
/// </summary>
public static class ModerationTracing
{
    public const string SourceName = "Moderation";

    /// <summary>The span around the rules' evaluation of a new or edited comment.</summary>
    public const string RulesEvaluation = "rules.evaluate";

    // Static, unlike the meter: ActivitySource has no factory, and spans are told apart by their
    // trace, not by the host that made them.
    public static ActivitySource Source { get; } = new(SourceName);
}
