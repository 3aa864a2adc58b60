using Microsoft.Extensions.Diagnostics.HealthChecks;
using Moderation.Core.RateLimiting;

namespace Moderation.Server.Health;

/// <summary>
/// Unhealthy while limits are checked per instance because the shared store did not answer
/// (fail-open fallback). Reported under its own service name, "moderation.v1.RateLimits": the
/// service still serves, so the overall status stays SERVING.
/// </summary>
internal sealed class RateLimitHealthCheck(SubmissionRateLimiter limiter) : IHealthCheck
{
    public const string ServiceName = "moderation.v1.RateLimits";
    public const string Tag = "rate-limits";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(limiter.IsDegraded
            ? HealthCheckResult.Unhealthy("Degraded: limits are checked per instance; the shared store did not answer in time.")
            : HealthCheckResult.Healthy("Limits are shared through the store."));
}
