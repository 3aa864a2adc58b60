using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Moderation.Api.V1;
using Moderation.Server.Auth;
using Moderation.Testing;
using Moderation.Testing.Browser;

namespace Moderation.Server.Tests.ModeratorConsole;

/// <summary>
/// The console as a moderator uses it, in a real browser against the real service: sign in,
/// a held comment with its matches highlighted, decisions from the keyboard, a ban from the
/// author drawer, and two moderators side by side. Each test works in its own article.
/// </summary>
public sealed class ConsoleBrowserTests(ConsoleServer server, Chromium chromium) : IClassFixture<ConsoleServer>, IClassFixture<Chromium>
{
    /// <summary>Where each step's screenshot is written (artifacts/console under the repository).</summary>
    private static readonly string ScreenshotFolder = Directory.CreateDirectory(Path.Combine(RepositoryPaths.Root, "artifacts", "console")).FullName;

    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    private CommentService.CommentServiceClient Comments => new(server.ChannelFor(Roles.Site));

    private ModerationService.ModerationServiceClient Moderation => new(server.ChannelFor(Roles.Admin));

    [Fact]
    public async Task Queue_SignInThenApproveAndRejectFromTheKeyboard_DecidesThroughTheApi()
    {
        string article = Requests.NewId("article");
        SubmitCommentRequest[] held =
        [
            await SubmitHeldAsync(article, "You are an idiot and a clown.", "Ann Reader"),
            await SubmitHeldAsync(article, "Only an idiot would write this.", "Bo Writer"),
            await SubmitHeldAsync(article, "What an idiot take.", "Cy Critic"),
        ];
        await using var context = await NewContextAsync();
        var page = await SignedInPageAsync(context, ConsoleKeys.Moderator, article);

        // The queue's order, as the page lists it: comments held in the same millisecond tie.
        await Assertions.Expect(page.Locator("#items li")).ToHaveCountAsync(3);
        var listed = await page.Locator("#items li").EvaluateAllAsync<string[]>("items => items.map(item => item.dataset.commentId)");
        var inQueue = listed.Select(id => held.Single(h => h.CommentId == id)).ToList();
        var (first, second, third) = (inQueue[0], inQueue[1], inQueue[2]);
        var card = page.Locator("#card");
        await Assertions.Expect(card.Locator("blockquote")).ToContainTextAsync(first.Text);
        await Assertions.Expect(card.Locator("mark[data-rules~='insults']").First).ToHaveTextAsync("idiot");
        await Assertions.Expect(page.Locator("[data-depth='QUEUE_PENDING']")).Not.ToHaveTextAsync("0");
        Assert.DoesNotContain("null", await card.InnerTextAsync(), StringComparison.Ordinal);
        await ScreenshotAsync(page, "1-queue");
        await card.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotFolder, "2-card.png") });

        await page.Keyboard.PressAsync("a");
        await Assertions.Expect(page.Locator("#toast")).ToContainTextAsync("press u to undo");
        await Assertions.Expect(card.Locator("blockquote")).ToContainTextAsync(second.Text);
        await page.Keyboard.PressAsync("r");
        await Assertions.Expect(page.Locator("#reason-picker")).ToBeVisibleAsync();
        await ScreenshotAsync(page, "3-reason-picker");
        await page.Keyboard.PressAsync("2");
        await Assertions.Expect(card.Locator("blockquote")).ToContainTextAsync(third.Text);

        var approved = await EventuallyAsync(first.CommentId, c => c.State == CommentState.Approved);
        var rejected = await EventuallyAsync(second.CommentId, c => c.State == CommentState.Rejected);
        Assert.Equal("moderator-test", approved.ModeratorDecision.ModeratorId);
        Assert.Equal(ReasonCode.Abuse, rejected.ModeratorDecision.ReasonCode);
        await Assertions.Expect(page.Locator("#toast")).ToContainTextAsync($"rejected: {second.Text}");

        await page.Keyboard.PressAsync("a");
        await page.Keyboard.PressAsync("u");
        await Assertions.Expect(page.Locator("#toast")).ToHaveTextAsync("Undone.");
        await Assertions.Expect(card.Locator("blockquote")).ToContainTextAsync(third.Text);
    }

    [Fact]
    public async Task Pages_SignInQueueCardAndDrawer_HaveNoAccessibilityViolations()
    {
        // axe-core's WCAG 2.1 A and AA rules: labels, names, roles, contrast, focusable dialogs.
        string article = Requests.NewId("article");
        await SubmitHeldAsync(article, "What an idiot wrote this?", "Fay Reader");
        await using var context = await NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await Assertions.Expect(page.Locator("#sign-in")).ToBeVisibleAsync();
        var signIn = await AxeViolationsAsync(page);
        page = await SignedInPageAsync(context, ConsoleKeys.Moderator, article);
        await Assertions.Expect(page.Locator("#card mark").First).ToBeVisibleAsync();
        var queue = await AxeViolationsAsync(page);
        await page.Keyboard.PressAsync("o");
        await Assertions.Expect(page.Locator("#drawer")).ToContainTextAsync("Their recent comments");
        var drawer = await AxeViolationsAsync(page);

        Assert.Equal([], signIn);
        Assert.Equal([], queue);
        Assert.Equal([], drawer);
    }

    [Fact]
    public async Task HistoryAndRules_ByKeyAndForAdmins_ShowTheAuditTrailAndTryAComment()
    {
        string article = Requests.NewId("article");
        var held = await SubmitHeldAsync(article, "An idiot wrote this.", "Gil Reader");
        await using var context = await NewContextAsync();
        var page = await SignedInPageAsync(context, ConsoleKeys.Of(Roles.Admin), article);
        await Assertions.Expect(page.Locator("#card blockquote")).ToHaveTextAsync(held.Text);

        await page.Keyboard.PressAsync("h");
        await Assertions.Expect(page.Locator("#history li").First).ToContainTextAsync("submitted");

        // A comment arriving redraws the card; the history the moderator opened stays open.
        await SubmitHeldAsync(article, "Another idiot wrote this too.", "Hal Reader");
        await Assertions.Expect(page.Locator("#items")).ToContainTextAsync("Another idiot wrote this too.");
        await Assertions.Expect(page.Locator("#history li").First).ToContainTextAsync("submitted");
        await page.Locator("#rules-button").ClickAsync();
        await Assertions.Expect(page.Locator("#rules-page table.rules")).ToContainTextAsync("insults");
        await page.Locator("#try-text").FillAsync("Only a moron would say that.");
        await page.Locator("#rules-page form.try button[type='submit']").ClickAsync();

        await Assertions.Expect(page.Locator("#try-result mark").First).ToHaveTextAsync("moron");
        await ScreenshotAsync(page, "7-rules");
    }

    [Fact]
    public async Task Queue_OnATabletByTouch_StacksListAndCardAndKeepsADecisionInItsUndoWindowOut()
    {
        string article = Requests.NewId("article");
        await SubmitHeldAsync(article, "Tablet idiot check.", "Hal Reader");
        await using var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = server.ConsoleUrl.ToString(),
            ViewportSize = new ViewportSize { Width = 768, Height = 1024 },
            HasTouch = true,
        });
        var page = await SignedInPageAsync(context, ConsoleKeys.Moderator, article);
        await Assertions.Expect(page.Locator("#card mark").First).ToBeVisibleAsync();

        var list = await page.Locator("#items").BoundingBoxAsync();
        var card = await page.Locator("#card").BoundingBoxAsync();
        await page.Locator("#card .approve").TapAsync();

        Assert.True(card!.Y >= list!.Y + list.Height, "On a narrow screen the card comes below the list.");
        Assert.True(card.X + card.Width <= 768, "The card fits the screen's width.");
        await Assertions.Expect(page.Locator("#toast")).ToContainTextAsync("press u to undo");

        // Live updates during the undo window must not bring the decided comment back.
        await SubmitHeldAsync(article, "Another tablet idiot.", "Ivy Reader");
        await Assertions.Expect(page.Locator("#items")).ToContainTextAsync("Another tablet idiot.");
        await Assertions.Expect(page.Locator("#items li", new() { HasText = "Tablet idiot check." })).ToHaveCountAsync(0);
        await ScreenshotAsync(page, "8-tablet");
    }

    [Fact]
    public async Task Card_TextWithEmojiAndCyrillic_HighlightsExactlyTheMatchedWords()
    {
        // Spans count code points; an emoji is two UTF-16 units in the browser, so an off-by-one
        // here would shift every highlight after it.
        string article = Requests.NewId("article");
        var held = await SubmitHeldAsync(article, "🤬🤬 you idiot, ты дебил", "Mixed Writer");
        await using var context = await NewContextAsync();
        var page = await SignedInPageAsync(context, ConsoleKeys.Moderator, article);

        var marks = page.Locator("#card blockquote mark");
        await Assertions.Expect(page.Locator("#card blockquote")).ToHaveTextAsync(held.Text);
        var texts = await marks.AllInnerTextsAsync();

        Assert.Contains("idiot", texts);
        Assert.Contains("дебил", texts);
        Assert.All(texts, text => Assert.DoesNotContain("🤬", text, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReportedQueue_ByItsKey_ShowsTheReadersReasons()
    {
        string article = Requests.NewId("article");
        var request = Requests.Submit("A calm comment that some readers dislike.");
        request.ArticleId = article;
        await Comments.SubmitCommentAsync(request);
        foreach (var (reason, note) in new[] { (ReasonCode.Spam, "looks like an ad"), (ReasonCode.OffTopic, ""), (ReasonCode.Abuse, "rude to me") })
        {
            await Comments.ReportCommentAsync(new ReportCommentRequest { CommentId = request.CommentId, ReporterId = Requests.NewId("reader"), Reason = reason, Note = note });
        }

        await using var context = await NewContextAsync();
        var page = await SignedInPageAsync(context, ConsoleKeys.Moderator, article);
        await page.Keyboard.PressAsync("2");

        await Assertions.Expect(page.Locator("#queues button[data-queue='QUEUE_REPORTED']")).ToHaveAttributeAsync("aria-pressed", "true");
        await Assertions.Expect(page.Locator("#card blockquote")).ToHaveTextAsync(request.Text);
        var reports = page.Locator("#report-reasons li");
        await Assertions.Expect(reports).ToHaveCountAsync(3);
        await Assertions.Expect(reports.Filter(new() { HasText = "spam: looks like an ad" })).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#card")).ToContainTextAsync("Reports");
    }

    [Fact]
    public async Task Drawer_Ban_BansTheAuthorAndRejectsTheirPendingComments()
    {
        string article = Requests.NewId("article");
        string author = Requests.NewId("troll");
        var one = await SubmitHeldAsync(article, "Every reporter here is an idiot.", "Troll", author);
        var two = await SubmitHeldAsync(article, "Idiot editors, idiot paper.", "Troll", author);
        await using var context = await NewContextAsync();
        var page = await SignedInPageAsync(context, ConsoleKeys.Moderator, article);
        await Assertions.Expect(page.Locator("#card blockquote")).ToContainTextAsync(one.Text);

        await page.Keyboard.PressAsync("o");
        var drawer = page.Locator("#drawer");
        await Assertions.Expect(drawer).ToContainTextAsync("Their recent comments");
        await ScreenshotAsync(page, "4-author-drawer");
        await drawer.Locator("#ban-author").ClickAsync();
        await Assertions.Expect(drawer.Locator(".author-status")).ToContainTextAsync("banned");
        await Assertions.Expect(drawer.Locator(".author-comments li")).ToHaveCountAsync(2);
        await Assertions.Expect(drawer.Locator(".author-comments li", new() { HasText = two.Text })).ToContainTextAsync("rejected by moderator-test");

        var standing = await Moderation.GetAuthorAsync(new GetAuthorRequest { AuthorId = author });
        Assert.Equal(AuthorStatus.Banned, standing.Status);
        await EventuallyAsync(one.CommentId, c => c.State == CommentState.Rejected);
        await EventuallyAsync(two.CommentId, c => c.State == CommentState.Rejected);
    }

    [Fact]
    public async Task TwoModerators_OneClaimsABatch_TheOtherSeesItLiveAndIsRefusedWhatTheFirstHolds()
    {
        string article = Requests.NewId("article");
        var held = await SubmitHeldAsync(article, "This idiot again.", "Dee Poster");
        await using var first = await NewContextAsync();
        await using var second = await NewContextAsync();
        var claimer = await SignedInPageAsync(first, ConsoleKeys.Moderator, article);
        var other = await SignedInPageAsync(second, ConsoleKeys.Of(Roles.Admin), article);
        await Assertions.Expect(other.Locator("#card blockquote")).ToContainTextAsync(held.Text);

        await claimer.Locator("#claim-mode").CheckAsync();
        await Assertions.Expect(claimer.Locator("#toast")).ToContainTextAsync("Claimed 1 comment");
        var arriving = await SubmitHeldAsync(article, "A fresh idiot remark.", "Eve Late");

        // The second moderator's page updates by itself: the new comment, and the first one's lease.
        await Assertions.Expect(other.Locator("#items")).ToContainTextAsync(arriving.Text);
        await Assertions.Expect(other.Locator("#items li", new() { HasText = held.Text })).ToContainTextAsync("held by moderator-test");
        await ScreenshotAsync(other, "5-second-moderator-live");

        await other.Locator("#items li", new() { HasText = held.Text }).ClickAsync();
        await Assertions.Expect(other.Locator("#card .lease")).ToContainTextAsync("Held by moderator-test");
        await other.Keyboard.PressAsync("a");
        await Assertions.Expect(other.Locator("#toast")).ToContainTextAsync("Leased to 'moderator-test'", new() { Timeout = (float)Deadline.TotalMilliseconds });
        await ScreenshotAsync(other, "6-refused-lease");

        var stored = await Comments.GetCommentAsync(new GetCommentRequest { CommentId = held.CommentId });
        Assert.Equal(CommentState.PendingReview, stored.Comment.State);
    }

    private Task<IBrowserContext> NewContextAsync() => chromium.Browser.NewContextAsync(new BrowserNewContextOptions
    {
        BaseURL = server.ConsoleUrl.ToString(),
        ViewportSize = new ViewportSize { Width = 1280, Height = 860 },
        Locale = "en-GB",
    });

    /// <summary>A page signed in with <paramref name="key"/>, showing only <paramref name="article"/>'s comments.</summary>
    private static async Task<IPage> SignedInPageAsync(IBrowserContext context, string key, string article)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await page.Locator("#credential").FillAsync(key);
        await page.Locator("#credential").PressAsync("Enter");
        await Assertions.Expect(page.Locator("#app")).ToBeVisibleAsync();
        await page.Locator("#article-filter").FillAsync(article);
        await page.Locator("#article-filter").PressAsync("Enter");
        await page.Locator("#items").FocusAsync();
        return page;
    }

    private async Task<SubmitCommentRequest> SubmitHeldAsync(string article, string text, string displayName, string? author = null)
    {
        var request = Requests.Submit(text, author);
        request.ArticleId = article;
        request.Author.DisplayName = displayName;
        var reply = await Comments.SubmitCommentAsync(request);
        Assert.Equal(Verdict.PendingReview, reply.Decision.Verdict);
        return request;
    }

    /// <summary>The comment once <paramref name="condition"/> holds, polled until the deadline.</summary>
    private async Task<Comment> EventuallyAsync(string commentId, Func<Comment, bool> condition)
    {
        var until = DateTime.UtcNow + Deadline;
        while (true)
        {
            var comment = (await Comments.GetCommentAsync(new GetCommentRequest { CommentId = commentId })).Comment;
            if (condition(comment))
            {
                return comment;
            }

            Assert.True(DateTime.UtcNow < until, $"Comment {commentId} is still {comment.State} after {Deadline.TotalSeconds} s.");
            await Task.Delay(100);
        }
    }

    /// <summary>Each WCAG A/AA violation axe finds: its rule and the elements it names.</summary>
    private static async Task<List<string>> AxeViolationsAsync(IPage page)
    {
        var results = await page.RunAxe(new Deque.AxeCore.Commons.AxeRunOptions
        {
            RunOnly = new Deque.AxeCore.Commons.RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        });
        return results.Violations.Select(v => $"{v.Id}: {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}").ToList();
    }

    private static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, name + ".png"), FullPage = true });
}
