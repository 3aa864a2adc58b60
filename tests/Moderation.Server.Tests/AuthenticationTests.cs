using System.Security.Cryptography;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Moderation.Api.V1;
using Moderation.Server.Auth;

namespace Moderation.Server.Tests;

public sealed class JwtAuthenticationTests : IAsyncLifetime
{
    private static readonly byte[] SigningKey = RandomNumberGenerator.GetBytes(32);
    private readonly ModerationServerFactory _factory = new(new Dictionary<string, string?>
    {
        ["Auth:Jwt:Issuer"] = "https://identity.example.test",
        ["Auth:Jwt:Audience"] = "moderation",
        ["Auth:Jwt:SigningKey"] = Convert.ToBase64String(SigningKey),
    });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    internal static string Token(string subject, string role, byte[]? key = null, DateTime? expires = null, string audience = "moderation") =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "https://identity.example.test",
            Audience = audience,
            Claims = new Dictionary<string, object> { ["sub"] = subject, ["role"] = role },
            NotBefore = DateTime.UtcNow.AddMinutes(-10),
            Expires = expires ?? DateTime.UtcNow.AddMinutes(10),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(key ?? SigningKey), SecurityAlgorithms.HmacSha256),
        });

    [Fact]
    public async Task DecideComment_WithModeratorJwt_RecordsTheTokenSubjectAsModerator()
    {
        var request = Requests.Submit("bullshit");
        await new CommentService.CommentServiceClient(_factory.ChannelFor(Roles.Site)).SubmitCommentAsync(request);
        var moderation = new ModerationService.ModerationServiceClient(_factory.ChannelWithToken(Token("mod-jane", Roles.Moderator)));

        var decided = await moderation.DecideCommentAsync(new DecideCommentRequest { CommentId = request.CommentId, Verdict = Verdict.Rejected, ExpectedVersion = 1 });

        Assert.Equal("mod-jane", decided.Comment.ModeratorDecision.ModeratorId);
    }

    [Fact]
    public async Task ListQueue_WithSiteJwt_IsPermissionDenied()
    {
        var moderation = new ModerationService.ModerationServiceClient(_factory.ChannelWithToken(Token("site", Roles.Site)));

        var (code, _) = await Requests.FailureOf(() => moderation.ListQueueAsync(new ListQueueRequest { Queue = Queue.Pending }).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, code);
    }

    [Theory]
    [InlineData("wrong-key")]
    [InlineData("expired")]
    [InlineData("wrong-audience")]
    public async Task ListQueue_WithUnacceptableJwt_IsUnauthenticated(string flaw)
    {
        string token = flaw switch
        {
            "wrong-key" => Token("mod", Roles.Moderator, key: RandomNumberGenerator.GetBytes(32)),
            "expired" => Token("mod", Roles.Moderator, expires: DateTime.UtcNow.AddMinutes(-5)),
            _ => Token("mod", Roles.Moderator, audience: "someone-else"),
        };
        var moderation = new ModerationService.ModerationServiceClient(_factory.ChannelWithToken(token));

        var (code, _) = await Requests.FailureOf(() => moderation.ListQueueAsync(new ListQueueRequest { Queue = Queue.Pending }).ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, code);
    }

    [Fact]
    public async Task ApiKeys_StillWork_BesideJwt()
    {
        var reply = await new ModerationService.ModerationServiceClient(_factory.ChannelFor(Roles.Moderator))
            .ListQueueAsync(new ListQueueRequest { Queue = Queue.Pending });

        Assert.NotNull(reply);
    }
}

public sealed class AuthModeTests
{
    [Fact]
    public async Task Start_NoCredentialConfigured_MakesAWorkingAdminKeyAndLogsWithoutIt()
    {
        await using var factory = new ModerationServerFactory(withTestKeys: false);
        _ = factory.Server;

        string key = factory.Services.GetRequiredService<DevelopmentKey>().Key!;
        var rules = await new RulesService.RulesServiceClient(factory.ChannelWithToken(key)).GetRulesAsync(new GetRulesRequest());

        Assert.StartsWith("mod_", key, StringComparison.Ordinal);
        Assert.NotEmpty(rules.Rules);
        Assert.Contains(factory.Logs.Lines, l => l.Contains("[1006]", StringComparison.Ordinal));
        Assert.DoesNotContain(factory.Logs.Lines, l => l.Contains(key, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_KeysConfigured_MakesNoDevelopmentKey()
    {
        await using var factory = new ModerationServerFactory();
        _ = factory.Server;

        Assert.Null(factory.Services.GetRequiredService<DevelopmentKey>().Key);
    }

    [Fact]
    public async Task Call_AuthDisabledInDevelopment_NeedsNoCredentialAndWarnsLoudly()
    {
        await using var factory = new ModerationServerFactory(new Dictionary<string, string?> { ["Auth:Mode"] = "Disabled" }, withTestKeys: false);

        var rules = await new RulesService.RulesServiceClient(factory.ChannelWithToken(null)).GetRulesAsync(new GetRulesRequest());

        Assert.NotEmpty(rules.Rules);
        Assert.Contains(factory.Logs.Lines, l => l.StartsWith("Critical", StringComparison.Ordinal) && l.Contains("[1007]", StringComparison.Ordinal));
    }

    [Fact]
    public void Start_AuthDisabledInProduction_IsRefused()
    {
        using var factory = new ModerationServerFactory(new Dictionary<string, string?> { ["Auth:Mode"] = "Disabled", ["environment"] = "Production" });

        var error = Assert.ThrowsAny<Exception>(() => factory.Server);

        Assert.Contains("Auth:Mode=Disabled is refused", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Auth:ApiKeys:0:Sha256", "plain-text-key", "Sha256")]
    [InlineData("Auth:ApiKeys:0:Role", "superuser", "Role")]
    [InlineData("Auth:Jwt:Issuer", "https://issuer", "Audience")]
    public void Start_InvalidAuthSetting_FailsNamingIt(string setting, string value, string named)
    {
        using var factory = new ModerationServerFactory(new Dictionary<string, string?> { [setting] = value });

        var error = Assert.ThrowsAny<Exception>(() => factory.Server);

        Assert.Contains(named, error.ToString(), StringComparison.Ordinal);
    }
}
