namespace Moderation.Server.Auth;

internal static class BearerToken
{
    /// <summary>The token of an <c>authorization: Bearer …</c> header, or null.</summary>
    public static string? Read(HttpRequest request)
    {
        string? header = request.Headers.Authorization;
        const string prefix = "Bearer ";
        return header is not null && header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && header.Length > prefix.Length
            ? header[prefix.Length..].Trim()
            : null;
    }

    /// <summary>JWTs are three base64url parts joined by dots; API keys contain no dot.</summary>
    public static bool LooksLikeJwt(string token) => token.Count(c => c == '.') == 2;
}
