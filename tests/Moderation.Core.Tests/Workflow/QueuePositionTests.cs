using Moderation.Core.Errors;
using Moderation.Core.Workflow;

namespace Moderation.Core.Tests.Workflow;

public sealed class QueuePositionTests
{
    [Fact]
    public void ParsePageToken_OwnToken_RoundTrips()
    {
        var position = new QueuePosition(1_764_000_000_123, "comment:42");

        var violations = new FieldViolations();

        Assert.Equal(position, QueuePosition.ParsePageToken(position.ToPageToken(), violations, "page_token"));
        Assert.False(violations.Any);
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("bm9waXBl")]
    [InlineData("MTIzfA")]
    public void ParsePageToken_ForeignToken_IsAFieldViolation(string token)
    {
        var violations = new FieldViolations();

        Assert.Null(QueuePosition.ParsePageToken(token, violations, "page_token"));
        var error = Assert.Throws<InvalidRequestException>(violations.ThrowIfAny);
        Assert.Equal("page_token", Assert.Single(error.Violations).Field);
    }

    [Fact]
    public void CompareTo_SameTime_OrdersById()
    {
        Assert.True(new QueuePosition(5, "a") < new QueuePosition(5, "b"));
        Assert.True(new QueuePosition(4, "z") < new QueuePosition(5, "a"));
    }
}
