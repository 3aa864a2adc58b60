using System.ComponentModel.DataAnnotations;

namespace Moderation.Server.Extensions;

/// <summary>Transport limits (configuration section <c>Limits</c>).</summary>
public sealed class RequestLimitOptions
{
    /// <summary>
    /// The largest request message accepted, in bytes; 1 KiB to 16 MiB. Default 64 KiB. A larger
    /// one is refused before it is parsed, with RESOURCE_EXHAUSTED as gRPC defines for message size.
    /// </summary>
    [Range(1024, 16 * 1024 * 1024)]
    public int MaxRequestBytes { get; set; } = 64 * 1024;
}
