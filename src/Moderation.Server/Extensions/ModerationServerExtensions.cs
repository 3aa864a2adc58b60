using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.Options;
using Moderation.Core.Comments;
using Moderation.Core.Events;
using Moderation.Core.RateLimiting;
using Moderation.Core.Rules;
using Moderation.Core.Rules.Brake;
using Moderation.Core.Workflow;
using Moderation.Server.Auth;
using Moderation.Server.Deadlines;
using Moderation.Server.Errors;
using Moderation.Server.Health;
using Moderation.Server.Limits;
using Moderation.Server.ModeratorConsole;
using Moderation.Server.Requests;
using Moderation.Server.Services;
using Moderation.Server.Telemetry;

namespace Moderation.Server.Extensions;

/// <summary>Everything the host registers and maps, so Program.cs stays a few lines.</summary>
public static class ModerationServerExtensions
{
    public static WebApplicationBuilder AddModerationServer(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        // The interceptors and the service classes hold no state, so one instance of each
        // serves every call; grpc-dotnet would otherwise make them per call.
        services.AddSingleton<ModerationExceptionInterceptor>();
        services.AddSingleton<StorageDeadlineInterceptor>();
        services.AddSingleton<CommentGrpcService>();
        services.AddSingleton<ModerationGrpcService>();
        services.AddSingleton<RulesGrpcService>();
        services.AddGrpc(options =>
        {
            options.Interceptors.Add<ModerationExceptionInterceptor>();
            options.Interceptors.Add<StreamConcurrencyInterceptor>();
            options.Interceptors.Add<StorageDeadlineInterceptor>();
        });
        services.AddModerationLimits(builder.Configuration);
        services.AddModerationAuth(builder.Configuration);
        services.AddGrpcReflection();
        services.AddModerationConsole(builder.Configuration);
        services.AddModerationTelemetry(builder.Configuration);
        services.AddSingleton(TimeProvider.System);

        var health = services.AddGrpcHealthChecks(options =>
            {
                // The overall status leaves out degraded rate limits, which fail open and keep
                // serving, and rules the brake demoted, which are reported and keep serving.
                options.Services.Map("", check => !check.Tags.Contains(RateLimitHealthCheck.Tag) && !check.Tags.Contains(RuleBrakeHealthCheck.Tag));
                options.Services.Map(RateLimitHealthCheck.ServiceName, check => check.Tags.Contains(RateLimitHealthCheck.Tag));
                options.Services.Map(RuleBrakeHealthCheck.ServiceName, check => check.Tags.Contains(RuleBrakeHealthCheck.Tag));
            })
            .AddCheck<RulesHealthCheck>("rules")
            .AddCheck<RateLimitHealthCheck>("rate-limits", tags: [RateLimitHealthCheck.Tag])
            .AddCheck<RuleBrakeHealthCheck>("rule-brake", tags: [RuleBrakeHealthCheck.Tag]);
        services.AddModerationStorage(builder.Configuration, health);
        services.AddModerationRules(builder.Configuration);
        services.AddModerationRateLimits(builder.Configuration);
        services.AddSingleton<CommentSubmissionService>();
        services.AddSingleton<ModerationQueueService>();
        services.AddSingleton<ArticleService>();
        services.AddOptions<ReportOptions>().Bind(builder.Configuration.GetSection(ReportOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(o => o.HideThreshold >= o.ReportedThreshold, "Reports:HideThreshold must not be below Reports:ReportedThreshold.")
            .ValidateOnStart();
        services.AddSingleton(provider => provider.GetRequiredService<IOptions<ReportOptions>>().Value);
        services.AddSingleton<ReportService>();
        services.AddOptions<WorkflowOptions>().Bind(builder.Configuration.GetSection(WorkflowOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<EventOptions>().Bind(builder.Configuration.GetSection(EventOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(provider => provider.GetRequiredService<IOptions<EventOptions>>().Value);
        services.AddSingleton<DecisionEventService>();
        services.AddSingleton<QueueWatchService>();

        // Last, once every registration that could add grpc-dotnet's own binder has run.
        services.AddGuardedRequestParsing(builder.Logging);
        return builder;
    }

    public static WebApplication MapModerationServer(this WebApplication app)
    {
        // Load the rules now, so a bad rules file stops the start with its errors rather than
        // failing the first comment.
        var rules = app.Services.GetRequiredService<IRuleSetProvider>().Current;
        ServerLog.RulesLoaded(app.Logger, rules.Rules.Count, rules.Version, rules.Source);

        // The brake measures each rule's baseline from when it starts watching: from the start.
        app.Services.GetRequiredService<RuleBrake>();
        app.Services.GetRequiredService<StorageMode>().Log(app.Logger);
        if (app.Services.GetRequiredService<RateLimitOptions>().Limits.Count == 0)
        {
            ServerLog.NoRateLimits(app.Logger);
        }

        if (app.Services.GetRequiredService<IOptions<TracingOptions>>().Value is { Enabled: true } tracing)
        {
            ServerLog.TracingToOtlp(app.Logger, tracing.OtlpEndpoint!);
        }

        // Connect to the store at start-up rather than on the first comment.
        app.Services.GetRequiredService<ICommentStore>();

        var auth = app.Services.GetRequiredService<IOptions<AuthOptions>>().Value;
        if (auth.Mode == AuthMode.Disabled)
        {
            ServerLog.AuthDisabled(app.Logger);
        }

        app.Services.GetRequiredService<DevelopmentKey>().Announce(app.Logger, app.Configuration["Kestrel:Endpoints:Grpc:Url"], app.Lifetime,
            () => ConsoleEndpoint.OwnGrpcAddress(app.Services.GetRequiredService<IServer>(), app.Services.GetService<ConsoleEndpoint>()));
        app.UseGrpcStatusMetricsTag();
        app.UseModerationConsoleGate();
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapModerationGrpcService<CommentGrpcService>(auth);
        app.MapModerationGrpcService<ModerationGrpcService>(auth);
        app.MapModerationGrpcService<RulesGrpcService>(auth);
        app.MapGrpcHealthChecksService();
        var reflection = app.MapGrpcReflectionService();
        if (auth.Mode == AuthMode.Enabled && !auth.AllowAnonymousReflection)
        {
            reflection.RequireAuthorization();
        }

        app.MapModerationConsole();
        return app;
    }

    private static void AddModerationLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(InputLimitOptions.SectionName);
        services.AddOptions<InputLimitOptions>().Bind(section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RequestLimitOptions>().Bind(section).ValidateDataAnnotations().ValidateOnStart();
        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(kestrel =>
        {
            kestrel.Limits.MaxRequestHeadersTotalSize = BearerToken.TransportHeaderLimit;
            kestrel.Limits.Http2.MaxRequestHeaderFieldSize = BearerToken.TransportHeaderLimit;
        });
        services.AddOptions<GrpcServiceOptions>().Configure<IOptions<RequestLimitOptions>>(
            (grpc, limits) => grpc.MaxReceiveMessageSize = limits.Value.MaxRequestBytes);

        // Rules files with large term lists outgrow the general limit; only admins reach this service.
        services.AddOptions<GrpcServiceOptions<RulesGrpcService>>().Configure(
            grpc => grpc.MaxReceiveMessageSize = RuleSetService.MaxRulesFileLength + (64 * 1024));
        services.AddSingleton(provider => provider.GetRequiredService<IOptions<InputLimitOptions>>().Value);
        services.AddSingleton<CommentValidator>();

        // One instance for the process: it holds the counts of open streams.
        services.AddSingleton<StreamConcurrencyInterceptor>();
    }

    private static void AddModerationRules(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RulesOptions>().Bind(configuration.GetSection(RulesOptions.SectionName))
            .Validate(o => File.Exists(o.ResolvePath()), "Rules:Path names no readable file.")
            .ValidateOnStart();
        services.AddSingleton<IRuleSetProvider>(provider => new FileRuleSetProvider(
            provider.GetRequiredService<IOptions<RulesOptions>>().Value.ResolvePath(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<FileRuleSetProvider>>(),
            provider.GetRequiredService<Moderation.Core.Telemetry.ModerationMetrics>()));
        services.AddSingleton<RuleSetService>();
        services.AddOptions<RuleBrakeOptions>().Bind(configuration.GetSection(RuleBrakeOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RuleBrakeOptions>, RuleBrakeOptionsValidator>();
        services.AddSingleton(provider => provider.GetRequiredService<IOptions<RuleBrakeOptions>>().Value);
        services.AddSingleton<RuleBrake>();
        services.AddSingleton<RuleDemotionSharing>();
        services.AddHostedService<RuleDemotionSync>();
        services.AddSingleton<Moderation.Core.Rules.Statistics.RuleStatsService>();
        services.AddSingleton<Moderation.Core.Rules.Backtest.RuleBacktestService>();
    }

    private static void AddModerationRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RateLimitOptions>().Bind(configuration.GetSection(RateLimitOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(o => !o.Problems().Any(), "RateLimits:Limits has invalid entries; each needs a unique Name (a-z, 0-9, '-', '_') and values in range.")
            .ValidateOnStart();
        services.AddSingleton(provider => provider.GetRequiredService<IOptions<RateLimitOptions>>().Value);
        services.AddSingleton<SubmissionLimits>();
        services.AddSingleton(provider =>
        {
            var limiter = ActivatorUtilities.CreateInstance<SubmissionRateLimiter>(provider);
            provider.GetRequiredService<Moderation.Core.Telemetry.ModerationMetrics>().ObserveRateLimits(limiter);
            return limiter;
        });
    }
}
