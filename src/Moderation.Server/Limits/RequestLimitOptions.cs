using System.ComponentModel.DataAnnotations;

namespace Moderation.Server.Limits;

/// <summary>Transport limits (configuration section <c>Limits</c>).</summary>
public sealed class RequestLimitOptions
{
    /// <summary>
    /// The largest request message accepted, in bytes; 1 KiB to 16 MiB. Default 64 KiB. A larger
    /// one is refused before it is parsed, with RESOURCE_EXHAUSTED as gRPC defines for message size.
    /// </summary>
    [Range(1024, 16 * 1024 * 1024)]
    public int MaxRequestBytes { get; set; } = 64 * 1024;

    /// <summary>
    /// Streaming calls (event streams, reflection) one caller may hold open at once; 1 to 1,000.
    /// Default 8. A stream holds server resources for as long as the caller likes, so one
    /// caller must not be able to open thousands.
    /// </summary>
    [Range(1, 1_000)]
    public int MaxConcurrentStreamsPerCaller { get; set; } = 8;
}
