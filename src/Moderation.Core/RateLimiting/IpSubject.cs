using System.Net;
using System.Net.Sockets;

namespace Moderation.Core.RateLimiting;

/// <summary>
/// The subject an address is limited as: an IPv4 address itself (also when written as
/// IPv4-mapped IPv6), an IPv6 address by its network prefix, since one subscriber holds a whole
/// /64 and rotating within it must not buy a fresh quota.
/// </summary>
public static class IpSubject
{
    public static string? Of(string? address, int ipv6PrefixLength)
    {
        if (string.IsNullOrEmpty(address) || !IPAddress.TryParse(address, out var ip))
        {
            return null;
        }

        if (ip.IsIPv4MappedToIPv6)
        {
            ip = ip.MapToIPv4();
        }

        if (ip.AddressFamily == AddressFamily.InterNetwork)
        {
            return ip.ToString();
        }

        byte[] bytes = ip.GetAddressBytes();
        for (int bit = ipv6PrefixLength; bit < 128; bit++)
        {
            bytes[bit / 8] &= (byte)~(0x80 >> (bit % 8));
        }

        return $"{new IPAddress(bytes)}/{ipv6PrefixLength}";
    }
}
