using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace Moderation.Server.Health;

/// <summary>
/// Healthy while Redis answers PING promptly. A connection the client knows is down answers
/// NOT_SERVING at once. Otherwise one PING at a time is in flight, and its answer serves every
/// check for <see cref="AnswerFor"/>: a load balancer probing thousands of times a second costs
/// Redis one PING a second, and a stalled Redis shows within that second plus the PING timeout.
/// </summary>
internal sealed class RedisHealthCheck(IConnectionMultiplexer redis, TimeProvider timeProvider) : IHealthCheck
{
    /// <summary>How long a PING may take on a live connection before Redis counts as unhealthy.</summary>
    public static readonly TimeSpan PingTimeout = TimeSpan.FromMilliseconds(250);

    /// <summary>How long one PING's answer stands for every check.</summary>
    public static readonly TimeSpan AnswerFor = TimeSpan.FromSeconds(1);

    private readonly Lock _gate = new();
    private Task<HealthCheckResult>? _ping;
    private DateTimeOffset _pingStarted;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!redis.IsConnected)
        {
            return HealthCheckResult.Unhealthy("The connection to Redis is down; the client is reconnecting.");
        }

        Task<HealthCheckResult> ping;
        lock (_gate)
        {
            var now = timeProvider.GetUtcNow();
            if (_ping is null || (_ping.IsCompleted && now - _pingStarted >= AnswerFor))
            {
                _pingStarted = now;
                _ping = PingAsync();
            }

            ping = _ping;
        }

        return await ping.WaitAsync(cancellationToken);
    }

    private async Task<HealthCheckResult> PingAsync()
    {
        try
        {
            var latency = await redis.GetDatabase().PingAsync().WaitAsync(PingTimeout, timeProvider);
            return HealthCheckResult.Healthy($"PING answered in {latency.TotalMilliseconds:0.#} ms.");
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy($"Redis does not answer PING within {PingTimeout.TotalMilliseconds:0} ms.", ex);
        }
    }
}
