using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Moderation.Server.Auth;

/// <summary>Accepts <c>authorization: Bearer &lt;api key&gt;</c> for a configured key.</summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    ApiKeyStore keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = "ApiKey";

    // The handler raises no events; the base class would otherwise make an empty events object per call.
    private static readonly Task<object> NoEvents = Task.FromResult(new object());

    private static readonly Task<AuthenticateResult> NoCredential = Task.FromResult(AuthenticateResult.NoResult());

    protected override Task<object> CreateEventsAsync() => NoEvents;

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (BearerToken.IsOversized(Request))
        {
            return Task.FromResult(AuthenticateResult.Fail($"The authorization header is longer than {BearerToken.MaxHeaderLength:N0} characters."));
        }

        if (!BearerToken.TryRead(Request, out var token))
        {
            return NoCredential;
        }

        // The failure message is logged by ASP.NET: it must never contain the key.
        if (keys.Find(token) is not { } holder)
        {
            return Task.FromResult(AuthenticateResult.Fail("The API key is not one of the configured keys."));
        }

        // Claims made with their identity as subject are taken as they are; any other claim
        // the identity copies.
        var identity = new ClaimsIdentity(SchemeName, ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(ClaimTypes.Name, holder.Name, ClaimValueTypes.String, ClaimsIdentity.DefaultIssuer, ClaimsIdentity.DefaultIssuer, identity));
        identity.AddClaim(new Claim(ClaimTypes.Role, holder.Role, ClaimValueTypes.String, ClaimsIdentity.DefaultIssuer, ClaimsIdentity.DefaultIssuer, identity));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }
}
