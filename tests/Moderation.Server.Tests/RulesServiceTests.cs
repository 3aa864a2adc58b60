using Grpc.Core;
using Moderation.Api.V1;
using Moderation.Server.Auth;

namespace Moderation.Server.Tests;

public sealed class RulesServiceTests(InMemoryServer server) : IClassFixture<InMemoryServer>
{
    private readonly RulesService.RulesServiceClient _rules = new(server.Factory.ChannelFor(Roles.Admin));

    [Fact]
    public async Task GetRules_Default_ListsTheShippedRulesWithAVersion()
    {
        var reply = await _rules.GetRulesAsync(new GetRulesRequest());

        Assert.Matches("^[0-9a-f]{12}$", reply.Version);
        Assert.EndsWith("default.yaml", reply.Source, StringComparison.Ordinal);
        Assert.Contains(reply.Rules, r => r.Id == "profanity-strong" && r.Action == RuleAction.Reject && r.TermCount > 0);
    }

    [Fact]
    public async Task GetRules_Default_ListsTheBuiltInReasonsWithTheirMessages()
    {
        var reply = await _rules.GetRulesAsync(new GetRulesRequest());

        Assert.Equal(
            ["score-threshold", "author-banned", "author-suspended", "author-premoderated", "article-premoderated"],
            reply.BuiltInReasons.Select(r => r.Id));
        Assert.All(reply.BuiltInReasons, r => Assert.NotEmpty(r.AuthorMessage));
    }

    [Theory]
    [InlineData("What a fucking disgrace", "profanity-strong", "We do not publish")]
    [InlineData("Иди нахуй", "profanity-strong-ru", "мы не публикуем")]
    public async Task TestComment_Rejected_TellsTheAuthorWhyInTheRulesLanguage(string text, string rule, string message)
    {
        var reply = await _rules.TestCommentAsync(new TestCommentRequest { Text = text });

        Assert.Equal(Verdict.Rejected, reply.Decision.Verdict);
        Assert.Contains(reply.Decision.Reasons, r => r.RuleId == rule);
        Assert.Contains(message, reply.Decision.AuthorMessage, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ValidateRules_BadFile_ReportsLineAndColumn()
    {
        var reply = await _rules.ValidateRulesAsync(new ValidateRulesRequest { Content = "rules:\n  - id: x\n    action: nuke\n    terms: [a]\n" });

        Assert.False(reply.Valid);
        var error = Assert.Single(reply.Errors);
        Assert.Equal((3u, 13u), (error.Line, error.Column));
        Assert.Empty(reply.Rules);
    }

    [Fact]
    public async Task ValidateRules_GoodFile_ListsItsRulesWithoutActivatingThem()
    {
        var reply = await _rules.ValidateRulesAsync(new ValidateRulesRequest { Content = "rules:\n  - {id: only, action: hold, terms: [a]}\n" });
        var active = await _rules.GetRulesAsync(new GetRulesRequest());

        Assert.True(reply.Valid);
        Assert.Equal("only", Assert.Single(reply.Rules).Id);
        Assert.DoesNotContain(active.Rules, r => r.Id == "only");
    }

    [Fact]
    public async Task ValidateRules_FileLargerThanTheGeneralRequestLimit_IsAccepted()
    {
        var terms = Enumerable.Range(0, 20_000).Select(i => $"term{i}");
        string content = "rules:\n  - id: big\n    action: hold\n    terms: [" + string.Join(", ", terms) + "]\n";
        Assert.True(content.Length > 64 * 1024);

        var reply = await _rules.ValidateRulesAsync(new ValidateRulesRequest { Content = content });

        Assert.True(reply.Valid);
        Assert.Equal(20_000u, reply.Rules.Single().TermCount);
    }

    [Fact]
    public async Task ValidateRules_HostileNesting_IsReportedAndTheServiceStaysUp()
    {
        string content = "rules: " + new string('[', 500_000) + new string(']', 500_000);

        var reply = await _rules.ValidateRulesAsync(new ValidateRulesRequest { Content = content });
        var after = await _rules.GetRulesAsync(new GetRulesRequest());

        Assert.False(reply.Valid);
        Assert.Contains("Nested deeper", reply.Errors.Single().Message, StringComparison.Ordinal);
        Assert.NotEmpty(after.Rules);
    }

    [Fact]
    public async Task TestComment_HoldText_ExplainsAndStoresNothing()
    {
        var comments = new ModerationService.ModerationServiceClient(server.Factory.ChannelFor(Roles.Moderator));
        var before = await comments.ListQueueAsync(new ListQueueRequest { Queue = Queue.Pending, PageSize = 100 });

        var reply = await _rules.TestCommentAsync(new TestCommentRequest { Text = "earn money fast, click here" });
        var after = await comments.ListQueueAsync(new ListQueueRequest { Queue = Queue.Pending, PageSize = 100 });

        Assert.Equal(Verdict.PendingReview, reply.Decision.Verdict);
        Assert.Equal(2, reply.Decision.Reasons.Single().Spans.Count);
        Assert.Equal(before.Items.Count, after.Items.Count);
    }

    [Fact]
    public async Task TestComment_BlankText_IsInvalidArgument()
    {
        var (code, _) = await Requests.FailureOf(() => _rules.TestCommentAsync(new TestCommentRequest { Text = "" }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, code);
    }
}
