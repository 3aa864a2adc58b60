using System.Globalization;
using Moderation.Core.Errors;
using StackExchange.Redis;

namespace Moderation.Redis;

/// <summary>When a write to Redis counts as done, so the service may acknowledge it.</summary>
public enum DurabilityLevel
{
    /// <summary>When the primary has applied it: a failover loses what the replica had not yet received.</summary>
    None = 0,

    /// <summary>When at least one replica has received it (WAIT 1): a failover to that replica loses nothing acknowledged.</summary>
    Replica = 1,

    /// <summary>When the primary has written it to its append-only file and fsynced it (WAITAOF 1 0); needs Redis 7.2 or newer.</summary>
    PrimaryFsync = 2,
}

/// <summary>
/// Holds back the answer to a write until it is as durable as <see cref="RedisOptions.Durability"/>
/// says. The wait is sent right behind the write on the same connection (pipelined), so it
/// adds the replication or fsync time, not a round trip. A write that does not get there in
/// <see cref="RedisOptions.DurabilityTimeout"/> is reported UNAVAILABLE: the caller retries it,
/// and every write is idempotent (a retried comment is a replay).
/// </summary>
public sealed class RedisDurability(DurabilityLevel level, TimeSpan timeout)
{
    public static readonly RedisDurability Immediate = new(DurabilityLevel.None, TimeSpan.Zero);

    public DurabilityLevel Level => level;

    /// <summary>Runs <paramref name="write"/>, then waits for its durability when one is asked for.</summary>
    public async Task<T> WriteAsync<T>(IDatabase db, Func<Task<T>> write)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(write);
        if (level == DurabilityLevel.None)
        {
            return await write().ConfigureAwait(false);
        }

        var written = write();
        string ms = ((long)timeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        var durable = level == DurabilityLevel.Replica
            ? db.ExecuteAsync("WAIT", "1", ms)
            : db.ExecuteAsync("WAITAOF", "1", "0", ms);
        var result = await written.ConfigureAwait(false);
        var acknowledged = await durable.ConfigureAwait(false);
        long copies = level == DurabilityLevel.Replica ? (long)acknowledged : (long)((RedisResult[])acknowledged!)[0];
        if (copies < 1)
        {
            throw new StorageUnavailableException(level == DurabilityLevel.Replica
                ? $"No replica confirmed the write within {timeout.TotalMilliseconds:0} ms; it may be retried."
                : $"The primary did not fsync the write within {timeout.TotalMilliseconds:0} ms; it may be retried.");
        }

        return result;
    }
}
