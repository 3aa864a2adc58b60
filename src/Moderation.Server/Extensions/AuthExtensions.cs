using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Moderation.Server.Auth;

namespace Moderation.Server.Extensions;

internal static class AuthExtensions
{
    /// <summary>
    /// The scheme that reads an API key or a JWT from the authorization header: the API key
    /// handler, which hands JWTs on to the JWT handler.
    /// </summary>
    public const string BearerScheme = ApiKeyAuthenticationHandler.SchemeName;

    public static void AddModerationAuth(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(AuthOptions.SectionName);
        services.AddOptions<AuthOptions>().Bind(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>();

        var auth = section.Get<AuthOptions>() ?? new AuthOptions();
        bool noCredentialConfigured = auth.Mode == AuthMode.Enabled && auth.ApiKeys.Count == 0 && !auth.Jwt.IsConfigured;
        var developmentKey = new DevelopmentKey(noCredentialConfigured ? ApiKeyStore.NewKey() : null);
        services.AddSingleton(developmentKey);
        services.AddSingleton(provider => new ApiKeyStore(provider.GetRequiredService<IOptions<AuthOptions>>().Value.ApiKeys, developmentKey.Key));
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, GrpcAuthorizationResultHandler>();
        services.AddAuthorization();

        // One bearer header carries either kind of credential: JWTs have two dots, keys none.
        // The key handler forwards JWTs itself rather than a policy scheme choosing for it:
        // every call then makes one handler, not two.
        bool jwtEnabled = auth.Jwt.IsConfigured && JwtSigningKey.TryDecode(auth.Jwt.SigningKey) is not null;
        var authentication = services.AddAuthentication(BearerScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, options =>
            {
                if (jwtEnabled)
                {
                    options.ForwardDefaultSelector = context =>
                        !BearerToken.IsOversized(context.Request) && BearerToken.TryRead(context.Request, out var token) && BearerToken.LooksLikeJwt(token)
                            ? JwtBearerDefaults.AuthenticationScheme
                            : null;
                }
            });
        if (jwtEnabled)
        {
            authentication.AddJwtBearer(options =>
            {
                options.MapInboundClaims = false;
                options.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = auth.Jwt.Issuer,
                    ValidAudience = auth.Jwt.Audience,
                    IssuerSigningKey = new SymmetricSecurityKey(JwtSigningKey.TryDecode(auth.Jwt.SigningKey)),
                    ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                    NameClaimType = auth.Jwt.NameClaim,
                    RoleClaimType = auth.Jwt.RoleClaim,
                    ClockSkew = TimeSpan.FromMinutes(1),
                };
            });
        }
    }

    /// <summary>Maps a gRPC service with each method's access rule (none when auth is disabled).</summary>
    public static void MapModerationGrpcService<TService>(this WebApplication app, AuthOptions auth)
        where TService : class
    {
        var endpoints = app.MapGrpcService<TService>();
        if (auth.Mode == AuthMode.Enabled)
        {
            endpoints.Add(MethodAccess.Apply);
        }
    }
}
