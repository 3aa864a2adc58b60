using System.Globalization;
using System.Text;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Moderation.Core.Rules.Brake;

namespace Moderation.Server.Health;

/// <summary>
/// Unhealthy while the emergency brake has rules demoted to shadow, each named with the figures
/// that tripped it. Reported under its own service name, "moderation.v1.RuleBrake", so a probe
/// or an alert sees a demotion (gRPC health has no degraded state: degraded answers SERVING);
/// the service still serves, so the overall status leaves it out.
/// </summary>
internal sealed class RuleBrakeHealthCheck(RuleBrake brake) : IHealthCheck
{
    public const string ServiceName = "moderation.v1.RuleBrake";
    public const string Tag = "rule-brake";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!brake.Enabled)
        {
            return Task.FromResult(HealthCheckResult.Healthy("The emergency brake is off (RuleBrake:Enabled)."));
        }

        var demotions = brake.Demotions;
        if (demotions.Count == 0)
        {
            return Task.FromResult(HealthCheckResult.Healthy("No rule is demoted."));
        }

        var description = new StringBuilder("Demoted to shadow by the emergency brake (RulesService/RestoreRule restores): ");
        foreach (var demotion in demotions.Values.OrderBy(d => d.DemotedAt))
        {
            description.Append(CultureInfo.InvariantCulture, $"{demotion.RuleId} at {demotion.DemotedAt:O}, {demotion.RecentMatches} matches in {demotion.RecentWindow:c} against {demotion.BaselinePerMinute:0.###} a minute usually (threshold {demotion.ThresholdPerMinute:0.###}); ");
        }

        return Task.FromResult(HealthCheckResult.Unhealthy(description.ToString().TrimEnd(' ', ';') + "."));
    }
}
