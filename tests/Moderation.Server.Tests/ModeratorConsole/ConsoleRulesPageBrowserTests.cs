using Microsoft.Playwright;
using Moderation.Api.V1;
using Moderation.Server.Auth;
using Moderation.Testing.Browser;

namespace Moderation.Server.Tests.ModeratorConsole;

/// <summary>
/// The admins' rules page against a console of its own, with a rules file of its own: each
/// rule's last day, a backtest of a candidate file, and a rule the brake demoted (a rule new in a
/// reload has no past, so a burst over the brake's floor demotes it at once) restored.
/// </summary>
public sealed class ConsoleRulesPageBrowserTests : IClassFixture<Chromium>, IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("moderation-console-brake-");
    private readonly Chromium _chromium;
    private ConsoleServer _server = null!;

    public ConsoleRulesPageBrowserTests(Chromium chromium) => _chromium = chromium;

    private string RulesPath => Path.Combine(_directory.FullName, "rules.yaml");

    public async Task InitializeAsync()
    {
        await File.WriteAllTextAsync(RulesPath, "rules:\n  - {id: insult, action: hold, terms: [insultword]}\n");
        _server = new ConsoleServer(new Dictionary<string, string?> { ["Rules:Path"] = RulesPath, ["RuleBrake:MinimumMatches"] = "3" });
        await _server.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _directory.Delete(recursive: true);
    }

    [Fact]
    public async Task RulesPage_DemotedRule_ShowsItsFiguresAndRestoresIt()
    {
        var rules = new RulesService.RulesServiceClient(_server.ChannelFor(Roles.Admin));
        var comments = new CommentService.CommentServiceClient(_server.ChannelFor(Roles.Site));
        string before = (await rules.GetRulesAsync(new GetRulesRequest())).Version;
        await File.WriteAllTextAsync(RulesPath, "rules:\n  - {id: insult, action: hold, terms: [insultword]}\n  - {id: spike, action: reject, terms: [spikeword]}\n");
        await EventuallyAsync(async () => (await rules.GetRulesAsync(new GetRulesRequest())).Version != before, "the rules file was not reloaded");
        for (int i = 0; i < 3; i++)
        {
            await comments.SubmitCommentAsync(Requests.Submit($"spikeword number {i}"));
        }

        await EventuallyAsync(async () => (await rules.GetRulesAsync(new GetRulesRequest())).Rules.Single(r => r.Id == "spike").Demoted is not null, "spike was not demoted");
        await using var context = await NewContextAsync();
        var page = await SignedInAdminPageAsync(context);

        await page.Locator("#rules-button").ClickAsync();

        await Assertions.Expect(page.Locator("#demoted")).ToContainTextAsync("spike");
        var row = page.Locator("tr[data-rule='spike']");
        await Assertions.Expect(row).ToContainTextAsync("demoted");
        await Assertions.Expect(row).ToContainTextAsync("3 matches");
        await Assertions.Expect(page.Locator("tr[data-rule='insult']")).ToContainTextAsync("watching");
        await row.GetByRole(AriaRole.Button, new() { Name = "Restore spike" }).ClickAsync();
        await Assertions.Expect(page.Locator("tr[data-rule='spike']")).ToContainTextAsync("watching");
        await Assertions.Expect(page.Locator("#demoted")).ToHaveCountAsync(0);
        Assert.Null((await rules.GetRulesAsync(new GetRulesRequest())).Rules.Single(r => r.Id == "spike").Demoted);
        Assert.Equal(Verdict.Rejected, (await comments.SubmitCommentAsync(Requests.Submit("spikeword after the restore"))).Decision.Verdict);
    }

    [Fact]
    public async Task RulesPage_StatsAndABacktest_ShowEachRulesDayAndWhatACandidateWouldChange()
    {
        var comments = new CommentService.CommentServiceClient(_server.ChannelFor(Roles.Site));
        await comments.SubmitCommentAsync(Requests.Submit("insultword, said twice: insultword"));
        await comments.SubmitCommentAsync(Requests.Submit("Another insultword."));
        var zebra = Requests.Submit("A zebraword in the thread.");
        await comments.SubmitCommentAsync(zebra);
        await comments.SubmitCommentAsync(Requests.Submit("A clean comment."));
        await using var context = await NewContextAsync();
        var page = await SignedInAdminPageAsync(context);

        await page.Locator("#rules-button").ClickAsync();
        await Assertions.Expect(page.Locator("tr[data-rule='insult'] td.stats")).ToContainTextAsync("2 matches");
        await Assertions.Expect(page.Locator("#stats-window")).ToContainTextAsync("4 new comments");
        await page.Locator("#backtest-rules").FillAsync("rules:\n  - {id: insult, action: hold, terms: [insultword]}\n  - {id: zebra, action: reject, terms: [zebraword]}\n");
        await page.GetByRole(AriaRole.Button, new() { Name = "Backtest on the last 24 hours" }).ClickAsync();

        await Assertions.Expect(page.Locator("#backtest-totals")).ToContainTextAsync("1 of 4 comments would change");
        await Assertions.Expect(page.Locator("#backtest-result .directions")).ToContainTextAsync("approved → rejected: 1");
        await Assertions.Expect(page.Locator("#backtest-result table.samples")).ToContainTextAsync(zebra.CommentId);
        await page.Locator("#backtest-rules").FillAsync("rules: [unclosed");
        await page.GetByRole(AriaRole.Button, new() { Name = "Backtest on the last 24 hours" }).ClickAsync();
        await Assertions.Expect(page.Locator("#backtest-result [role=alert]")).ToBeVisibleAsync();
    }

    private Task<IBrowserContext> NewContextAsync() =>
        _chromium.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = _server.ConsoleUrl.ToString(), Locale = "en-GB" });

    private static async Task<IPage> SignedInAdminPageAsync(IBrowserContext context)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await page.Locator("#credential").FillAsync(ConsoleKeys.Of(Roles.Admin));
        await page.Locator("#credential").PressAsync("Enter");
        await Assertions.Expect(page.Locator("#app")).ToBeVisibleAsync();
        return page;
    }

    private static async Task EventuallyAsync(Func<Task<bool>> condition, string failure)
    {
        var until = DateTime.UtcNow + Deadline;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < until, failure);
            await Task.Delay(100);
        }
    }
}
