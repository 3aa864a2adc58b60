using Moderation.Core.Errors;
using StackExchange.Redis;

namespace Moderation.Redis;

/// <summary>
/// Every Redis call goes through here: the caller's cancellation (a gRPC deadline or a client
/// that went away) ends the wait, and Redis outages become the domain's retryable failure.
/// </summary>
internal static class RedisCalls
{
    public static async Task<T> RunAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            // StackExchange.Redis takes no token: the command may still complete in Redis, but
            // the caller stops waiting for it. Every operation is atomic, so either outcome is whole.
            return await call().WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RedisConnectionException or RedisTimeoutException)
        {
            throw new StorageUnavailableException("Redis is unreachable or too slow; the request may be retried.", ex);
        }
    }
}
