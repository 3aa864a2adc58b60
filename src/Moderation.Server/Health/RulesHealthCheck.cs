using Microsoft.Extensions.Diagnostics.HealthChecks;
using Moderation.Core.Rules;

namespace Moderation.Server.Health;

/// <summary>Healthy while a rule set is in force: without one no comment can be decided.</summary>
internal sealed class RulesHealthCheck(IRuleSetProvider rules) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var current = rules.Current;
        return Task.FromResult(HealthCheckResult.Healthy($"{current.Rules.Count} rules, version {current.Version}."));
    }
}
