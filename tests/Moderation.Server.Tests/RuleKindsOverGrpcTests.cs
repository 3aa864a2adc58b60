using Google.Protobuf.WellKnownTypes;
using Moderation.Api.V1;
using Moderation.Server.Auth;

namespace Moderation.Server.Tests;

/// <summary>Each rule kind of the shipped rules through TestComment, as an administrator checks them.</summary>
public sealed class RuleKindsOverGrpcTests(InMemoryServer server) : IClassFixture<InMemoryServer>
{
    private readonly RulesService.RulesServiceClient _rules = new(server.Factory.ChannelFor(Roles.Admin));

    private async Task<Decision> Test(string text, Author? author = null) =>
        (await _rules.TestCommentAsync(new TestCommentRequest { Text = text, Author = author })).Decision;

    [Theory]
    [InlineData("regex", "Send 0.1 ETH to 0x52908400098527886E0F7030069857D2E4169EE7 and double it", "crypto-addresses", Verdict.PendingReview)]
    [InlineData("link shortener", "Full story at https://bit.ly/3xyzAbc", "link-shorteners", Verdict.PendingReview)]
    [InlineData("too many links", "a.com b.org c.net d.info", "many-links", Verdict.PendingReview)]
    [InlineData("card number", "card 4111 1111 1111 1111 exp 11/28", "card-numbers", Verdict.Rejected)]
    [InlineData("repeated words", "no no no no no no way", "repeated-words", Verdict.PendingReview)]
    [InlineData("overlong", "", "overlong", Verdict.PendingReview)]
    public async Task TestComment_RuleKind_DecidesAndExplains(string kind, string text, string rule, Verdict verdict)
    {
        var decision = await Test(kind == "overlong" ? string.Join(' ', Enumerable.Repeat("word", 1100)) : text);

        Assert.Equal(verdict, decision.Verdict);
        Assert.Contains(decision.Reasons, r => r.RuleId == rule && r.ModeratorMessage.Length > 0);
    }

    [Fact]
    public async Task TestComment_ContactDetails_AreCensoredInThePublishedText()
    {
        var decision = await Test("Ring me on +44 20 7946 0958 or jane@example.com");

        Assert.Equal(Verdict.Approved, decision.Verdict);
        Assert.Equal("Ring me on **************** or ****************", decision.CensoredText);
        Assert.Equal(2, decision.Reasons.Single(r => r.RuleId == "contact-details").Spans.Count);
    }

    [Fact]
    public async Task TestComment_LinkFromANewAccount_IsHeldButNotFromAnOldOne()
    {
        var young = new Author { Id = "u", CreatedAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddHours(-1)) };
        var old = new Author { Id = "u", CreatedAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddYears(-2)) };

        Assert.Equal(Verdict.PendingReview, (await Test("More at example.com/report", young)).Verdict);
        Assert.Equal(Verdict.Approved, (await Test("More at example.com/report", old)).Verdict);
    }

    [Fact]
    public async Task TestComment_WeakSignalsTogether_ReachTheHoldThreshold()
    {
        string text = "THIS IS THE WORST REPORTING I HAVE EVER SEEN IN MY LIFE!!!!!!!!!!!! " + string.Concat(Enumerable.Repeat("😡", 140));

        var decision = await Test(text);

        Assert.Equal(Verdict.PendingReview, decision.Verdict);
        Assert.Contains(decision.Reasons, r => r.RuleId == "score-threshold");
        Assert.Equal(["shouting", "stretched-characters", "emoji-flood", "score-threshold"], decision.Reasons.Select(r => r.RuleId));
    }
}
