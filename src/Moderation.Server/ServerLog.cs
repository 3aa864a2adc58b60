namespace Moderation.Server;

/// <summary>The transport's log events; ids are stable so alerts can key on them.</summary>
internal static partial class ServerLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Error, Message = "Unhandled exception in {Method}")]
    public static partial void UnhandledException(ILogger logger, string method, Exception exception);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Storage unavailable in {Method}")]
    public static partial void StorageUnavailable(ILogger logger, string method, Exception exception);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "No Redis configured (Redis:Configuration): using the in-memory store. It serves a single instance and loses everything on restart.")]
    public static partial void UsingInMemoryStore(ILogger logger);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Information, Message = "Using Redis for storage and rate limits (key prefix {KeyPrefix}, hash tag {HashTag})")]
    public static partial void UsingRedis(ILogger logger, string keyPrefix, string hashTag);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Information, Message = "Loaded {RuleCount} rules, version {RulesVersion}, from {RulesSource}")]
    public static partial void RulesLoaded(ILogger logger, int ruleCount, string rulesVersion, string rulesSource);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Warning, Message = "No credentials configured (Auth:ApiKeys, Auth:Jwt): generated a development admin key, printed on standard error. Configure real keys before exposing the service.")]
    public static partial void DevelopmentKeyGenerated(ILogger logger);

    [LoggerMessage(EventId = 1008, Level = LogLevel.Warning, Message = "No rate limits configured (RateLimits:Limits is empty): submissions are not limited in any way.")]
    public static partial void NoRateLimits(ILogger logger);

    [LoggerMessage(EventId = 1007, Level = LogLevel.Critical, Message = "AUTHENTICATION IS DISABLED (Auth:Mode=Disabled): anyone who reaches this service can submit, moderate and read every comment. Never run this way outside a developer's machine.")]
    public static partial void AuthDisabled(ILogger logger);

    [LoggerMessage(EventId = 1012, Level = LogLevel.Information, Message = "Exporting traces over OTLP to {OtlpEndpoint}")]
    public static partial void TracingToOtlp(ILogger logger, string otlpEndpoint);
}
