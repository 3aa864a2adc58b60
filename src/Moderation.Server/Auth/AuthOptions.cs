namespace Moderation.Server.Auth;

/// <summary>How callers prove who they are (configuration section <c>Auth</c>).</summary>
public sealed class AuthOptions
{
    public const string SectionName = "Auth";

    /// <summary>
    /// <see cref="AuthMode.Enabled"/> (the default) requires a credential on every call but
    /// health and, if allowed, reflection. <see cref="AuthMode.Disabled"/> lets anyone call
    /// anything; it is refused in the Production environment.
    /// </summary>
    public AuthMode Mode { get; set; } = AuthMode.Enabled;

    /// <summary>API keys, each stored as the SHA-256 of the key, never the key itself.</summary>
    public List<ApiKeyOptions> ApiKeys { get; set; } = [];

    /// <summary>JWT bearer tokens as a second way in; off unless an issuer is set.</summary>
    public JwtOptions Jwt { get; set; } = new();

    /// <summary>Whether reflection (grpcurl list/describe) answers without a credential. Default true: it only reveals the public API.</summary>
    public bool AllowAnonymousReflection { get; set; } = true;
}

public enum AuthMode
{
    Enabled,
    Disabled,
}

/// <summary>One API key: who holds it, what it may do, and the SHA-256 of the key.</summary>
public sealed class ApiKeyOptions
{
    /// <summary>The holder's name, recorded as the actor in audit trails (e.g. "site-backend", "mod-alice").</summary>
    public string Name { get; set; } = "";

    /// <summary>site, moderator or admin.</summary>
    public string Role { get; set; } = "";

    /// <summary>The SHA-256 of the key as 64 hex digits: <c>printf %s "$KEY" | sha256sum</c>.</summary>
    public string Sha256 { get; set; } = "";
}

/// <summary>JWT bearer validation (section <c>Auth:Jwt</c>): HMAC-SHA256 tokens from the configured issuer.</summary>
public sealed class JwtOptions
{
    public string? Issuer { get; set; }

    public string? Audience { get; set; }

    /// <summary>The HMAC signing key, base64, at least 32 bytes. Supply it through the environment or a secret store.</summary>
    public string? SigningKey { get; set; }

    /// <summary>The claim that carries the role. Default "role".</summary>
    public string RoleClaim { get; set; } = "role";

    /// <summary>The claim that names the caller. Default "sub".</summary>
    public string NameClaim { get; set; } = "sub";

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Issuer);
}
