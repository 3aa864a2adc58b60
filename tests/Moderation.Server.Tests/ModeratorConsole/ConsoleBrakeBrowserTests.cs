using Microsoft.Playwright;
using Moderation.Api.V1;
using Moderation.Server.Auth;
using Moderation.Testing.Browser;

namespace Moderation.Server.Tests.ModeratorConsole;

/// <summary>
/// A console of its own whose rules file gains a rule while it runs: a rule new in a reload has
/// no past, so a burst over the brake's floor demotes it at once, and an admin sees and restores
/// it on the rules page.
/// </summary>
public sealed class ConsoleBrakeBrowserTests : IClassFixture<Chromium>, IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("moderation-console-brake-");
    private readonly Chromium _chromium;
    private ConsoleServer _server = null!;

    public ConsoleBrakeBrowserTests(Chromium chromium) => _chromium = chromium;

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
        await using var context = await _chromium.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = _server.ConsoleUrl.ToString(), Locale = "en-GB" });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await page.Locator("#credential").FillAsync(ConsoleKeys.Of(Roles.Admin));
        await page.Locator("#credential").PressAsync("Enter");
        await Assertions.Expect(page.Locator("#app")).ToBeVisibleAsync();

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
