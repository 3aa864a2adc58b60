using Moderation.Core.RateLimiting;

namespace Moderation.Core.Tests.RateLimiting;

public sealed class IpSubjectTests
{
    [Theory]
    [InlineData("203.0.113.7", 64, "203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", 64, "203.0.113.7")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", 64, "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2:ffff::1", 64, "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2:aaaa::1", 48, "2001:db8:1::/48")]
    [InlineData("2001:db8::1", 128, "2001:db8::1/128")]
    public void Of_Address_IsGroupedAsConfigured(string address, int prefix, string subject) =>
        Assert.Equal(subject, IpSubject.Of(address, prefix));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not an address")]
    public void Of_NoAddress_IsNoSubject(string? address) => Assert.Null(IpSubject.Of(address, 64));
}
