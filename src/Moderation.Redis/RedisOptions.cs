using System.ComponentModel.DataAnnotations;

namespace Moderation.Redis;

/// <summary>Where Redis is (configuration section <c>Redis</c>, environment <c>Redis__…</c>).</summary>
public sealed class RedisOptions
{
    public const string SectionName = "Redis";

    /// <summary>
    /// A StackExchange.Redis configuration string, e.g. <c>localhost:6379,password=…</c>. When
    /// empty the service runs on its in-memory store instead.
    /// </summary>
    public string? Configuration { get; set; }

    /// <summary>True when <see cref="Configuration"/> is empty or a configuration string the client accepts.</summary>
    public bool HasValidConfiguration()
    {
        if (string.IsNullOrWhiteSpace(Configuration))
        {
            return true;
        }

        try
        {
            return StackExchange.Redis.ConfigurationOptions.Parse(Configuration).EndPoints.Count > 0;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>
    /// When a write counts as done: None (the primary applied it; default), Replica (a replica
    /// received it, WAIT 1: a failover loses nothing acknowledged) or PrimaryFsync (the
    /// primary's AOF is fsynced, WAITAOF; Redis 7.2 or newer). See docs/operations.md for the cost.
    /// </summary>
    public DurabilityLevel Durability { get; set; } = DurabilityLevel.None;

    /// <summary>How long a write waits for its durability before it is reported UNAVAILABLE; 10 ms to 10 s. Default 1 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:00:10")]
    public TimeSpan DurabilityTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The first part of every key, so several deployments can share one Redis; 1 to 32 of a-z, 0-9, '-', '_'. Default "moderation".</summary>
    [Required]
    [RegularExpression("^[a-z0-9_-]{1,32}$")]
    public string KeyPrefix { get; set; } = "moderation";

    /// <summary>
    /// The hash tag of the workflow's keys: in Redis Cluster they all live in the slot of this
    /// tag, on one node, because a submission is one atomic script over its comment, queues,
    /// limits and counters (docs/architecture.md#hash-slots). Deployments sharing a cluster give
    /// each its own (with its own prefix) to land on different nodes. 1 to 32 of a-z, 0-9, '-',
    /// '_'. Default "wf".
    /// </summary>
    [Required]
    [RegularExpression("^[a-z0-9_-]{1,32}$")]
    public string HashTag { get; set; } = "wf";
}
