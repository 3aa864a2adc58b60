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

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (BearerToken.IsOversized(Request))
        {
            return Task.FromResult(AuthenticateResult.Fail($"The authorization header is longer than {BearerToken.MaxHeaderLength:N0} characters."));
        }

        if (BearerToken.Read(Request) is not { } token)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        // The failure message is logged by ASP.NET: it must never contain the key.
        if (keys.Find(token) is not { } holder)
        {
            return Task.FromResult(AuthenticateResult.Fail("The API key is not one of the configured keys."));
        }

        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, holder.Name), new Claim(ClaimTypes.Role, holder.Role)],
            SchemeName,
            ClaimTypes.Name,
            ClaimTypes.Role);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }
}
