using Moderation.Core.Errors;
using Moderation.Core.Workflow;

namespace Moderation.Core.Tests.Workflow;

public sealed class QueuePositionTests
{
    [Fact]
    public void ParsePageToken_OwnToken_RoundTrips()
    {
        var position = new QueuePosition(1_764_000_000_123, "comment:42");

        Assert.Equal(position, QueuePosition.ParsePageToken(position.ToPageToken(), "page_token"));
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("bm9waXBl")]
    [InlineData("MTIzfA")]
    public void ParsePageToken_ForeignToken_IsAFieldViolation(string token)
    {
        var error = Assert.Throws<InvalidRequestException>(() => QueuePosition.ParsePageToken(token, "page_token"));

        Assert.Equal("page_token", Assert.Single(error.Violations).Field);
    }

    [Fact]
    public void CompareTo_SameTime_OrdersById()
    {
        Assert.True(new QueuePosition(5, "a") < new QueuePosition(5, "b"));
        Assert.True(new QueuePosition(4, "z") < new QueuePosition(5, "a"));
    }
}
