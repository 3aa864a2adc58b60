using Moderation.Core.Errors;
using StackExchange.Redis;

namespace Moderation.Redis;

/// <summary>Turns Redis outages into the domain's retryable failure, so callers see UNAVAILABLE.</summary>
internal static class RedisCalls
{
    public static async Task<T> RunAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RedisConnectionException or RedisTimeoutException)
        {
            throw new StorageUnavailableException("Redis is unreachable or too slow; the request may be retried.", ex);
        }
    }
}
