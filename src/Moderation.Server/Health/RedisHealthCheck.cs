using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace Moderation.Server.Health;

/// <summary>
/// Healthy while Redis answers PING promptly. A connection the client knows is down answers
/// NOT_SERVING at once, without a PING, so a probe with a short deadline still hears the answer.
/// </summary>
internal sealed class RedisHealthCheck(IConnectionMultiplexer redis) : IHealthCheck
{
    /// <summary>How long a PING may take on a live connection before Redis counts as unhealthy.</summary>
    public static readonly TimeSpan PingTimeout = TimeSpan.FromMilliseconds(250);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!redis.IsConnected)
        {
            return HealthCheckResult.Unhealthy("The connection to Redis is down; the client is reconnecting.");
        }

        try
        {
            var latency = await redis.GetDatabase().PingAsync().WaitAsync(PingTimeout, cancellationToken);
            return HealthCheckResult.Healthy($"PING answered in {latency.TotalMilliseconds:0.#} ms.");
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy($"Redis does not answer PING within {PingTimeout.TotalMilliseconds:0} ms.", ex);
        }
    }
}
