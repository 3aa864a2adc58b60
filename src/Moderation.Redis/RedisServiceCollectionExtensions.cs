using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Moderation.Core.Events;
using Moderation.Core.RateLimiting;
using Moderation.Core.Rules.Brake;
using Moderation.Core.Rules.History;
using Moderation.Redis.History;
using Moderation.Core.Workflow;
using Moderation.Redis.Brake;
using Moderation.Redis.Comments;
using Moderation.Redis.Events;
using Moderation.Redis.State;
using Moderation.Redis.Statistics;
using Moderation.Core.Rules.Statistics;
using Moderation.Redis.RateLimiting;
using Moderation.Redis.Telemetry;
using StackExchange.Redis;

namespace Moderation.Redis;

public static class RedisServiceCollectionExtensions
{
    /// <summary>
    /// Registers the Redis store and limiter over one shared <see cref="IConnectionMultiplexer"/>.
    /// The multiplexer does not abort when Redis is down at start-up: it keeps reconnecting, and
    /// health reports NOT_SERVING meanwhile. Every call is measured on the host's
    /// <see cref="System.Diagnostics.Metrics.IMeterFactory"/>, which the generic host registers.
    /// </summary>
    public static IServiceCollection AddRedisStorage(this IServiceCollection services)
    {
        services.AddSingleton<IConnectionMultiplexer>(provider =>
        {
            var options = ConfigurationOptions.Parse(provider.GetRequiredService<IOptions<RedisOptions>>().Value.Configuration!);
            options.AbortOnConnectFail = false;

            // While the connection is down, a command fails at once (UNAVAILABLE) instead of
            // waiting in the client's backlog until its timeout, past most callers' deadlines.
            options.BacklogPolicy = BacklogPolicy.FailFast;
            return ConnectionMultiplexer.Connect(options);
        });
        services.AddSingleton(provider => new RedisCallMetrics(provider.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>()));
        services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<RedisOptions>>().Value;
            return new RedisKeys(options.KeyPrefix, options.HashTag);
        });
        services.AddSingleton(provider =>
        {
            var redis = provider.GetRequiredService<IOptions<RedisOptions>>().Value;
            return new RedisDurability(redis.Durability, redis.DurabilityTimeout);
        });
        services.AddSingleton(provider => new RedisCommentStore(
            provider.GetRequiredService<IConnectionMultiplexer>(),
            provider.GetRequiredService<RedisKeys>(),
            provider.GetRequiredService<IOptions<EventOptions>>().Value.Retention,
            provider.GetRequiredService<IOptions<WorkflowOptions>>().Value.DecidedRetention,
            provider.GetRequiredService<RedisDurability>(),
            provider.GetRequiredService<IOptions<RateLimitOptions>>().Value.UseCallerClock ? provider.GetRequiredService<TimeProvider>() : null,
            provider.GetRequiredService<RedisCallMetrics>()));
        services.AddSingleton<IDecisionEventLog>(provider => new RedisDecisionEventLog(provider.GetRequiredService<IConnectionMultiplexer>(), provider.GetRequiredService<RedisKeys>(), provider.GetRequiredService<RedisCallMetrics>()));
        services.AddSingleton<ICommentRecordStore>(provider => provider.GetRequiredService<RedisCommentStore>());
        services.AddSingleton<IModerationStateStore>(provider => new RedisModerationState(
            provider.GetRequiredService<IConnectionMultiplexer>(), provider.GetRequiredService<RedisKeys>(), provider.GetRequiredService<RedisDurability>(), provider.GetRequiredService<RedisCallMetrics>()));
        services.AddSingleton<IRateLimiter>(provider => new RedisGcraRateLimiter(
            provider.GetRequiredService<IConnectionMultiplexer>(),
            provider.GetRequiredService<RedisKeys>(),
            provider.GetRequiredService<IOptions<RateLimitOptions>>().Value.UseCallerClock ? provider.GetRequiredService<TimeProvider>() : null,
            provider.GetRequiredService<RedisCallMetrics>()));
        services.AddSingleton<IRuleStatsStore>(provider => new RedisRuleStatsStore(
            provider.GetRequiredService<IConnectionMultiplexer>(), provider.GetRequiredService<RedisKeys>(), provider.GetRequiredService<RedisCallMetrics>()));
        services.AddSingleton<IRuleDemotionStore>(provider => new RedisRuleDemotionStore(
            provider.GetRequiredService<IConnectionMultiplexer>(), provider.GetRequiredService<RedisKeys>(), provider.GetRequiredService<RedisCallMetrics>()));
        services.AddSingleton<IRecentCommentIndex>(provider => new RedisRecentCommentIndex(
            provider.GetRequiredService<IConnectionMultiplexer>(), provider.GetRequiredService<RedisKeys>(), provider.GetRequiredService<RedisCallMetrics>()));
        services.AddSingleton<ITextHistoryStore>(provider => new RedisTextHistoryStore(
            provider.GetRequiredService<IConnectionMultiplexer>(), provider.GetRequiredService<RedisKeys>(), provider.GetRequiredService<RedisCallMetrics>()));
        return services;
    }
}
