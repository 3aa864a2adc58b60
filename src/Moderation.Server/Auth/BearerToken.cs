namespace Moderation.Server.Auth;

internal static class BearerToken
{
    /// <summary>
    /// The longest authorization header read, in characters: far above any API key or JWT this
    /// service issues or accepts, far below what the transport admits (<see cref="TransportHeaderLimit"/>),
    /// so an oversized credential is refused as UNAUTHENTICATED with a reason rather than reset.
    /// </summary>
    public const int MaxHeaderLength = 8 * 1024;

    /// <summary>The request headers Kestrel accepts in total and per field, in bytes; past them HTTP/2 resets the stream.</summary>
    public const int TransportHeaderLimit = 64 * 1024;

    private const string Prefix = "Bearer ";

    public static bool IsOversized(HttpRequest request) => request.Headers.Authorization.ToString().Length > MaxHeaderLength;

    /// <summary>The token of an <c>authorization: Bearer …</c> header, or null.</summary>
    public static string? Read(HttpRequest request) => TryRead(request, out var token) ? token.ToString() : null;

    /// <summary>
    /// The token of an <c>authorization: Bearer …</c> header, as a slice of the header: every
    /// call reads it, and a copy of it would be garbage at the end of the call.
    /// </summary>
    public static bool TryRead(HttpRequest request, out ReadOnlySpan<char> token)
    {
        string? header = request.Headers.Authorization;
        if (header is not null && header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) && header.Length > Prefix.Length)
        {
            token = header.AsSpan(Prefix.Length).Trim();
            return true;
        }

        token = default;
        return false;
    }

    /// <summary>JWTs are three base64url parts joined by dots; API keys contain no dot.</summary>
    public static bool LooksLikeJwt(ReadOnlySpan<char> token) => token.Count('.') == 2;
}
