using Moderation.Core.Errors;
using Moderation.Core.Events;

namespace Moderation.Core.Tests.Events;

public sealed class EventCursorTests
{
    [Theory]
    [InlineData("1733241600000-3", 1733241600000L, 3L, null)]
    [InlineData("1733241600000-3.8a27c406d5f7d765", 1733241600000L, 3L, "8a27c406d5f7d765")]
    public void Parse_ACursorThisServiceHandsOut_ReadsItsPositionAndLog(string text, long ms, long sequence, string? log)
    {
        var cursor = EventCursor.Parse(text, "cursor");

        Assert.Equal(new EventCursor(ms, sequence, log), cursor);
        Assert.Equal(text, cursor.ToString());
    }

    [Theory]
    [InlineData("1733241600000-3.")]
    [InlineData("1733241600000-3.ABC")]
    [InlineData("1733241600000-3.a-b")]
    [InlineData("1733241600000-3.0123456789abcdef0123456789abcdef0")]
    [InlineData(".8a27c406d5f7d765")]
    public void Parse_AMalformedLogId_IsAFieldViolation(string text)
    {
        var violations = new FieldViolations();

        Assert.Null(EventCursor.Parse(text, violations, "cursor"));
        Assert.Throws<InvalidRequestException>(violations.ThrowIfAny);
    }

    [Fact]
    public void Compare_CursorsOfTwoLogs_OrderByPositionAlone()
    {
        var earlier = new EventCursor(5, 0, "aaaa");
        var later = new EventCursor(5, 1, "bbbb");

        Assert.True(earlier < later);
        Assert.True(later.IsFromAnotherLog("aaaa"));
        Assert.False(earlier.IsFromAnotherLog("aaaa"));
        Assert.False(new EventCursor(5, 0).IsFromAnotherLog("aaaa"));
        Assert.True(earlier.IsFromAnotherLog(null));
    }
}
