using Moderation.Server.Auth;

namespace Moderation.Server.Tests;

public sealed class DevelopmentKeyTests
{
    [Theory]
    [InlineData("http://127.0.0.1:5123", "127.0.0.1:5123")]
    [InlineData("http://0.0.0.0:7000", "127.0.0.1:7000")]
    [InlineData("http://*:6000", "127.0.0.1:6000")]
    [InlineData("http://+:6001", "127.0.0.1:6001")]
    [InlineData("http://[::]:6002", "127.0.0.1:6002")]
    [InlineData("http://moderation.internal:8443", "moderation.internal:8443")]
    [InlineData(null, "127.0.0.1:5000")]
    public void GrpcurlTarget_ConfiguredUrl_IsTheAddressToDial(string? url, string target) =>
        Assert.Equal(target, DevelopmentKey.GrpcurlTarget(url));
}
