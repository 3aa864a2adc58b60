using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Moderation.Api.V1;
using Moderation.Server.Auth;

namespace Moderation.Server.Tests.ModeratorConsole;

/// <summary>
/// The console's server side over real sockets: sign-in and its cookie, the CSRF token, and the
/// bridge that answers exactly what the gRPC API answers for the signed-in credential.
/// </summary>
public sealed class ConsoleApiTests(ConsoleServer server) : IClassFixture<ConsoleServer>
{
    [Fact]
    public async Task SignIn_ModeratorKey_SetsAStrictHttpOnlyCookieAndNamesTheRole()
    {
        using var client = server.NewBrowserlikeClient();

        using var response = await SignInRequestAsync(client, ConsoleKeys.Moderator);
        string cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("moderation.console=", StringComparison.Ordinal));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(ConsoleKeys.Moderator, cookie, StringComparison.Ordinal);
        Assert.Equal(("moderator-test", "moderator"), (body.RootElement.GetProperty("name").GetString(), body.RootElement.GetProperty("role").GetString()));
    }

    [Fact]
    public async Task SignIn_ModeratorJwt_ActsAsTheTokensSubject()
    {
        using var client = server.NewBrowserlikeClient();
        string csrf = await SignInAsync(client, JwtAuthenticationTests.Token("mod-jane", Roles.Moderator, ConsoleServer.JwtSigningKey));
        var held = Requests.Submit("What an idiot, honestly.");
        await new CommentService.CommentServiceClient(server.ChannelFor(Roles.Site)).SubmitCommentAsync(held);

        using var response = await CallAsync(client, csrf, "moderation.v1.ModerationService/DecideComment", $$"""{"commentId":"{{held.CommentId}}","verdict":"VERDICT_REJECTED","reasonCode":"REASON_CODE_ABUSE","expectedVersion":"1"}""");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("mod-jane", body.RootElement.GetProperty("comment").GetProperty("moderatorDecision").GetProperty("moderatorId").GetString());
    }

    [Theory]
    [InlineData("site", HttpStatusCode.Forbidden)]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    public async Task SignIn_SiteKeyOrUnknownKey_IsRefusedWithoutACookie(string? role, HttpStatusCode expected)
    {
        using var client = server.NewBrowserlikeClient();

        using var response = await SignInRequestAsync(client, role is null ? "mod_not_a_key" : ConsoleKeys.Of(role));

        Assert.Equal(expected, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task Call_ListQueue_AnswersWhatTheApiAnswersAsJson()
    {
        using var client = server.NewBrowserlikeClient();
        string csrf = await SignInAsync(client, ConsoleKeys.Moderator);
        var comments = new CommentService.CommentServiceClient(server.ChannelFor(Roles.Site));
        var held = Requests.Submit("What an idiot, honestly.");
        await comments.SubmitCommentAsync(held);

        using var response = await CallAsync(client, csrf, "moderation.v1.ModerationService/ListQueue", """{"queue":"QUEUE_PENDING","pageSize":100}""");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var item = body.RootElement.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("comment").GetProperty("commentId").GetString() == held.CommentId);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("QUEUE_PENDING", item.GetProperty("queue").GetString());
        Assert.Equal("insults", item.GetProperty("comment").GetProperty("decision").GetProperty("reasons")[0].GetProperty("ruleId").GetString());
    }

    [Fact]
    public async Task Call_WithoutTheCsrfToken_IsRefusedAndChangesNothing()
    {
        using var client = server.NewBrowserlikeClient();
        await SignInAsync(client, ConsoleKeys.Moderator);
        var comments = new CommentService.CommentServiceClient(server.ChannelFor(Roles.Site));
        var held = Requests.Submit("What an idiot, honestly.");
        await comments.SubmitCommentAsync(held);

        using var response = await CallAsync(client, csrf: "", "moderation.v1.ModerationService/DecideComment", $$"""{"commentId":"{{held.CommentId}}","verdict":"VERDICT_APPROVED"}""");
        var stored = await comments.GetCommentAsync(new GetCommentRequest { CommentId = held.CommentId });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(CommentState.PendingReview, stored.Comment.State);
    }

    [Fact]
    public async Task Call_AMethodTheRoleMayNotCall_IsPermissionDeniedByTheApisOwnTable()
    {
        using var client = server.NewBrowserlikeClient();
        string csrf = await SignInAsync(client, ConsoleKeys.Moderator);

        using var response = await CallAsync(client, csrf, "moderation.v1.RulesService/GetRules", "{}");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("PERMISSION_DENIED", body.RootElement.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Call_AnInvalidRequest_IsInvalidArgumentWithTheApisFieldViolations()
    {
        using var client = server.NewBrowserlikeClient();
        string csrf = await SignInAsync(client, ConsoleKeys.Moderator);

        using var response = await CallAsync(client, csrf, "moderation.v1.ModerationService/DecideComment", """{"verdict":"VERDICT_APPROVED"}""");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var detail = body.RootElement.GetProperty("details").EnumerateArray().Single(d => d.GetProperty("@type").GetString()!.EndsWith("google.rpc.BadRequest", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("INVALID_ARGUMENT", body.RootElement.GetProperty("code").GetString());
        Assert.Contains(detail.GetProperty("fieldViolations").EnumerateArray(), v => v.GetProperty("field").GetString() == "comment_id");
    }

    [Fact]
    public async Task Call_BrokenJsonOrAnUnknownMethod_IsAClearError()
    {
        using var client = server.NewBrowserlikeClient();
        string csrf = await SignInAsync(client, ConsoleKeys.Moderator);

        using var broken = await CallAsync(client, csrf, "moderation.v1.ModerationService/ListQueue", """{"queue": """);
        using var unknown = await CallAsync(client, csrf, "moderation.v1.ModerationService/DropDatabase", "{}");

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.NotFound), (broken.StatusCode, unknown.StatusCode));
    }

    [Fact]
    public async Task SignOut_EndsTheSession()
    {
        using var client = server.NewBrowserlikeClient();
        string csrf = await SignInAsync(client, ConsoleKeys.Moderator);

        using var signOut = new HttpRequestMessage(HttpMethod.Delete, "/api/session");
        signOut.Headers.Add("X-CSRF-TOKEN", csrf);
        using var signedOut = await client.SendAsync(signOut);
        using var after = await client.GetAsync(new Uri("/api/session", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, signedOut.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Fact]
    public async Task Page_IsServedWithItsOwnAssetsOnlyAndAStrictContentPolicy()
    {
        using var client = server.NewBrowserlikeClient();

        using var page = await client.GetAsync(new Uri("/", UriKind.Relative));
        string html = await page.Content.ReadAsStringAsync();
        string script = await client.GetStringAsync(new Uri("/console.js", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.StartsWith("default-src 'self'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.DoesNotContain("http", html.Replace("http-equiv", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("https://", script, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Endpoints_ConsoleOnTheGrpcPortAndGrpcOnTheConsolePort_AreNotFound()
    {
        using var grpcPort = new HttpClient { BaseAddress = server.GrpcUrl, DefaultRequestVersion = HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };
        using var consolePage = await grpcPort.GetAsync(new Uri("/", UriKind.Relative));
        using var client = server.NewBrowserlikeClient();
        using var health = new HttpRequestMessage(HttpMethod.Post, "/grpc.health.v1.Health/Check") { Content = new ByteArrayContent([0, 0, 0, 0, 0]) };
        health.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        using var grpcOnConsole = await client.SendAsync(health);

        Assert.Equal(HttpStatusCode.NotFound, consolePage.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, grpcOnConsole.StatusCode);
    }

    private static async Task<HttpResponseMessage> SignInRequestAsync(HttpClient client, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/session");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return await client.SendAsync(request);
    }

    /// <summary>Signs in and returns the session's CSRF token.</summary>
    private static async Task<string> SignInAsync(HttpClient client, string key)
    {
        using (var signIn = await SignInRequestAsync(client, key))
        {
            signIn.EnsureSuccessStatusCode();
        }

        using var session = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/session", UriKind.Relative)));
        return session.RootElement.GetProperty("csrfToken").GetString()!;
    }

    private static Task<HttpResponseMessage> CallAsync(HttpClient client, string csrf, string method, string json)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/call/{method}") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (csrf.Length > 0)
        {
            request.Headers.Add("X-CSRF-TOKEN", csrf);
        }

        return client.SendAsync(request);
    }
}
