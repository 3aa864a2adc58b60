using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using Moderation.Server.Auth;
using Moderation.Server.Extensions;

namespace Moderation.Server.ModeratorConsole;

/// <summary>
/// The moderator console: a page on its own endpoint, a session cookie exchanged for an API key
/// or JWT the service already knows, and a bridge that calls the gRPC API with that credential.
/// </summary>
internal static class ConsoleExtensions
{
    public const string CookieScheme = "ModerationConsole";
    private const string SignedInPolicy = "ModerationConsoleSignedIn";
    private const string CredentialClaim = "moderation:credential";

    public static void AddModerationConsole(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(ConsoleOptions.SectionName);
        services.AddOptions<ConsoleOptions>().Bind(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ConsoleOptions>, ConsoleOptionsValidator>();
        var options = section.Get<ConsoleOptions>() ?? new ConsoleOptions();
        if (!options.Enabled)
        {
            return;
        }

        var endpoint = new ConsoleEndpoint();
        services.AddSingleton(endpoint);
        services.AddSingleton<GrpcJsonBridge>();
        if (options.ListenEndPoint() is { } listen)
        {
            services.Configure<KestrelServerOptions>(kestrel => endpoint.Listen(kestrel, listen));
        }

        services.AddAuthentication().AddCookie(CookieScheme, cookie =>
        {
            cookie.Cookie.Name = "moderation.console";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.ExpireTimeSpan = options.SessionIdleTimeout;
            cookie.SlidingExpiration = true;

            // An API, not pages: a missing or refused session is a status the page handles.
            cookie.Events.OnRedirectToLogin = context => Refuse(context.Response, StatusCodes.Status401Unauthorized, "UNAUTHENTICATED", "Sign in first.");
            cookie.Events.OnRedirectToAccessDenied = context => Refuse(context.Response, StatusCodes.Status403Forbidden, "PERMISSION_DENIED", "This session may not do that.");
        });
        services.AddAntiforgery(antiforgery =>
        {
            antiforgery.HeaderName = "X-CSRF-TOKEN";
            antiforgery.Cookie.Name = "moderation.console.csrf";
            antiforgery.Cookie.SameSite = SameSiteMode.Strict;
            antiforgery.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        services.AddAuthorizationBuilder().AddPolicy(SignedInPolicy, policy => policy.AddAuthenticationSchemes(CookieScheme).RequireAuthenticatedUser());
    }

    /// <summary>Keeps the console on its listener and the API on its own: anything else answers 404.</summary>
    public static void UseModerationConsoleGate(this WebApplication app)
    {
        if (app.Services.GetService<ConsoleEndpoint>() is null)
        {
            return;
        }

        app.Use((http, next) =>
        {
            bool forConsole = http.GetEndpoint()?.Metadata.GetMetadata<ConsoleEndpointMetadata>() is not null;
            if (forConsole != ConsoleEndpoint.IsConsoleConnection(http))
            {
                http.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }

            return next(http);
        });
    }

    public static void MapModerationConsole(this WebApplication app)
    {
        if (app.Services.GetService<ConsoleEndpoint>() is not { } endpoint)
        {
            return;
        }

        var console = app.MapGroup("").WithMetadata(new ConsoleEndpointMetadata());
        console.MapGet("/", (HttpContext http) => ConsoleAssets.ServeAsync(http, "/index.html"));
        foreach (string path in ConsoleAssets.Paths)
        {
            console.MapGet(path, (HttpContext http) => ConsoleAssets.ServeAsync(http, path));
        }

        // Prometheus scrapes here, the service's HTTP/1.1 endpoint, without a session.
        console.MapPrometheusScrapingEndpoint("/metrics");

        var api = console.MapGroup("/api");
        api.MapPost("/session", SignInAsync);
        var signedIn = api.MapGroup("").RequireAuthorization(SignedInPolicy);
        signedIn.MapGet("/session", Session);
        signedIn.MapDelete("/session", (HttpContext http) => http.SignOutAsync(CookieScheme)).AddEndpointFilter(RequireAntiforgeryToken);
        signedIn.MapPost("/call/{service}/{method}", (HttpContext http, string service, string method, GrpcJsonBridge bridge) =>
            bridge.CallAsync(http, service, method, CredentialOf(http.User))).AddEndpointFilter(RequireAntiforgeryToken);
        signedIn.MapGet("/stream/{service}/{method}", (HttpContext http, string service, string method, string? request, GrpcJsonBridge bridge) =>
            bridge.StreamAsync(http, service, method, request ?? "{}", CredentialOf(http.User)));

        // A request too large for a URL (a backtest's candidate rules file) comes as a body, with the antiforgery token.
        signedIn.MapPost("/stream/{service}/{method}", async (HttpContext http, string service, string method, GrpcJsonBridge bridge) =>
            await bridge.StreamAsync(http, service, method, await GrpcJsonBridge.ReadBodyAsync(http), CredentialOf(http.User))).AddEndpointFilter(RequireAntiforgeryToken);

        // Beside the development key, on standard error (see DevelopmentKey.Announce).
        app.Lifetime.ApplicationStarted.Register(() =>
            Console.Error.WriteLine($"Moderator console: {endpoint.Url} (sign in with a moderator or admin key{(app.Services.GetRequiredService<DevelopmentKey>().Key is null ? "" : ", such as the development key above")})"));
    }

    /// <summary>
    /// Exchanges the credential in the authorization header for a session cookie. The header,
    /// which a page on another site cannot send without this site's consent, is what keeps
    /// sign-in from being forged.
    /// </summary>
    private static async Task<IResult> SignInAsync(HttpContext http, IOptions<AuthOptions> auth)
    {
        string name;
        string role;
        string credential;
        if (auth.Value.Mode == AuthMode.Disabled)
        {
            (name, role, credential) = ("console", Roles.Admin, "");
        }
        else
        {
            var result = await http.AuthenticateAsync(AuthExtensions.BearerScheme);
            if (!result.Succeeded || BearerToken.Read(http.Request) is not { } token)
            {
                return Error(StatusCodes.Status401Unauthorized, "UNAUTHENTICATED", "That key or token is not one this service accepts.");
            }

            var user = result.Principal;
            role = user.IsInRole(Roles.Admin) ? Roles.Admin : user.IsInRole(Roles.Moderator) ? Roles.Moderator : Roles.Site;
            if (role == Roles.Site)
            {
                return Error(StatusCodes.Status403Forbidden, "PERMISSION_DENIED", "A site credential cannot moderate: sign in with a moderator or admin key.");
            }

            (name, credential) = (user.Identity?.Name ?? CallerIdentity.Anonymous, token);
        }

        var identity = new ClaimsIdentity([new(ClaimTypes.Name, name), new(ClaimTypes.Role, role), new(CredentialClaim, credential)], CookieScheme);
        await http.SignInAsync(CookieScheme, new ClaimsPrincipal(identity));
        return Results.Json(new { name, role });
    }

    /// <summary>Who is signed in, and the token each change must carry in X-CSRF-TOKEN.</summary>
    private static IResult Session(HttpContext http, IAntiforgery antiforgery) => Results.Json(new
    {
        name = http.User.Identity?.Name,
        role = http.User.FindFirstValue(ClaimTypes.Role),
        csrfToken = antiforgery.GetAndStoreTokens(http).RequestToken,
    });

    private static async ValueTask<object?> RequireAntiforgeryToken(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        try
        {
            await http.RequestServices.GetRequiredService<IAntiforgery>().ValidateRequestAsync(http);
        }
        catch (AntiforgeryValidationException)
        {
            return Error(StatusCodes.Status403Forbidden, "PERMISSION_DENIED", "The request lacks this session's X-CSRF-TOKEN; reload the console.");
        }

        return await next(context);
    }

    private static string CredentialOf(ClaimsPrincipal user) => user.FindFirstValue(CredentialClaim) ?? "";

    private static IResult Error(int status, string code, string message) =>
        Results.Json(new { code, message, details = Array.Empty<object>() }, statusCode: status);

    private static Task Refuse(HttpResponse response, int status, string code, string message)
    {
        response.StatusCode = status;
        return response.WriteAsJsonAsync(new { code, message, details = Array.Empty<object>() });
    }
}
