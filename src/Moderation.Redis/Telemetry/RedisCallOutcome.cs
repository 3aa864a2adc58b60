using Moderation.Core.Errors;
using StackExchange.Redis;

namespace Moderation.Redis.Telemetry;

/// <summary>How a Redis call ended, as the <c>outcome</c> tag says it.</summary>
internal static class RedisCallOutcome
{
    public const string Ok = "ok";

    /// <summary>No answer in time: the client's timeout, or the call's share of its gRPC deadline.</summary>
    public const string Timeout = "timeout";

    /// <summary>No connection, a "not now" reply (READONLY, LOADING, BUSY…), or a write not made durable in time.</summary>
    public const string Unavailable = "unavailable";

    /// <summary>The caller stopped waiting (a client gone, a limiter's failure budget spent); not an error of Redis.</summary>
    public const string Cancelled = "cancelled";

    /// <summary>Anything else: a script error, a reply the code did not expect.</summary>
    public const string Error = "error";

    /// <summary>The outcome of a call that threw <paramref name="error"/> (as <see cref="RedisCalls"/> rethrows it).</summary>
    public static string Of(Exception error) => error switch
    {
        StorageUnavailableException { InnerException: RedisTimeoutException or OperationCanceledException } => Timeout,
        StorageUnavailableException => Unavailable,
        OperationCanceledException => Cancelled,

        // Redis answered; what it answered is refused by the domain (a history of no comment, an expired cursor).
        ModerationException => Ok,
        _ => Error,
    };

    /// <summary>Whether the outcome counts as a Redis error.</summary>
    public static bool IsError(string outcome) => outcome is not (Ok or Cancelled);
}
