using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Moderation.Server.Auth;

/// <summary>Checks the auth settings at start-up, naming each bad setting.</summary>
internal sealed partial class AuthOptionsValidator(IHostEnvironment environment) : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        var failures = new List<string>();
        if (options.Mode == AuthMode.Disabled && environment.IsProduction())
        {
            failures.Add("Auth:Mode=Disabled is refused in the Production environment: configure Auth:ApiKeys or Auth:Jwt.");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < options.ApiKeys.Count; i++)
        {
            var key = options.ApiKeys[i];
            if (!NamePattern().IsMatch(key.Name) || !names.Add(key.Name))
            {
                failures.Add($"Auth:ApiKeys:{i}:Name must be a unique 1 to 64 of A-Z, a-z, 0-9, '-', '_', '.', '@'.");
            }

            if (!Roles.All.Contains(key.Role))
            {
                failures.Add($"Auth:ApiKeys:{i}:Role must be one of: {string.Join(", ", Roles.All)}.");
            }

            if (!HashPattern().IsMatch(key.Sha256))
            {
                failures.Add($"Auth:ApiKeys:{i}:Sha256 must be the SHA-256 of the key as 64 hex digits (printf %s \"$KEY\" | sha256sum), never the key itself.");
            }
        }

        var jwt = options.Jwt;
        if (jwt.IsConfigured || !string.IsNullOrEmpty(jwt.Audience) || !string.IsNullOrEmpty(jwt.SigningKey))
        {
            if (string.IsNullOrWhiteSpace(jwt.Issuer) || string.IsNullOrWhiteSpace(jwt.Audience))
            {
                failures.Add("Auth:Jwt needs both Issuer and Audience.");
            }

            if (JwtSigningKey.TryDecode(jwt.SigningKey) is null)
            {
                failures.Add("Auth:Jwt:SigningKey must be base64 of at least 32 bytes.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    [GeneratedRegex("^[A-Za-z0-9._@-]{1,64}$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[0-9a-fA-F]{64}$")]
    private static partial Regex HashPattern();
}
