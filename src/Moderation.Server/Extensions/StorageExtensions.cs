using Microsoft.Extensions.Options;
using Moderation.Core.Events;
using Moderation.Core.RateLimiting;
using Moderation.Core.Rules.History;
using Moderation.Core.Rules.Statistics;
using Moderation.Core.Workflow;
using Moderation.Core.Workflow.Transitions;
using Moderation.Redis;
using Moderation.Server.Health;

namespace Moderation.Server.Extensions;

/// <summary>Which store the process uses: Redis when configured, otherwise in-memory.</summary>
internal sealed record StorageMode(bool UsesRedis, string KeyPrefix, string HashTag)
{
    public void Log(ILogger logger)
    {
        if (UsesRedis)
        {
            ServerLog.UsingRedis(logger, KeyPrefix, HashTag);
        }
        else
        {
            ServerLog.UsingInMemoryStore(logger);
        }
    }
}

internal static class StorageExtensions
{
    public static void AddModerationStorage(this IServiceCollection services, IConfiguration configuration, IHealthChecksBuilder health)
    {
        var section = configuration.GetSection(RedisOptions.SectionName);
        services.AddOptions<RedisOptions>().Bind(section)
            .ValidateDataAnnotations()
            .Validate(o => o.HasValidConfiguration(), "Redis:Configuration is not a StackExchange.Redis configuration string with at least one endpoint (e.g. 'localhost:6379').")
            .ValidateOnStart();
        var redis = section.Get<RedisOptions>() ?? new RedisOptions();

        // The workflow is written once, in Core; the store under it only keeps records.
        services.AddSingleton<ICommentStore>(provider => new CommentWorkflow(
            provider.GetRequiredService<ICommentRecordStore>(),
            provider.GetRequiredService<ReportOptions>(),
            provider.GetRequiredService<TimeProvider>()));
        if (string.IsNullOrWhiteSpace(redis.Configuration))
        {
            services.AddSingleton(new StorageMode(UsesRedis: false, redis.KeyPrefix, redis.HashTag));
            services.AddSingleton(provider => new InMemoryCommentStore(provider.GetRequiredService<IOptions<EventOptions>>().Value.Retention));
            services.AddSingleton<IDecisionEventLog>(provider => provider.GetRequiredService<InMemoryCommentStore>());
            services.AddSingleton<ICommentRecordStore>(provider => provider.GetRequiredService<InMemoryCommentStore>());
            services.AddSingleton<IModerationStateStore>(provider => provider.GetRequiredService<InMemoryCommentStore>());
            services.AddSingleton<IRuleStatsStore>(provider => provider.GetRequiredService<InMemoryCommentStore>());
            services.AddSingleton<IRecentCommentIndex>(provider => provider.GetRequiredService<InMemoryCommentStore>());
            services.AddSingleton<Moderation.Core.Rules.Brake.IRuleDemotionStore, Moderation.Core.Rules.Brake.InMemoryRuleDemotionStore>();
            services.AddSingleton<IRateLimiter, InMemoryGcraRateLimiter>();
            services.AddSingleton<ITextHistoryStore, InMemoryTextHistoryStore>();
            return;
        }

        services.AddSingleton(new StorageMode(UsesRedis: true, redis.KeyPrefix, redis.HashTag));
        services.AddRedisStorage();
        // One instance, so its PING answer serves every check for a second.
        services.AddSingleton<RedisHealthCheck>();
        health.AddCheck<RedisHealthCheck>("redis", timeout: TimeSpan.FromSeconds(1));
    }
}
