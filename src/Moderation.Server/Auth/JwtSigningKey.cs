namespace Moderation.Server.Auth;

internal static class JwtSigningKey
{
    /// <summary>The key bytes, or null when the text is not base64 of at least 32 bytes (HMAC-SHA256's minimum).</summary>
    public static byte[]? TryDecode(string? base64)
    {
        if (string.IsNullOrWhiteSpace(base64))
        {
            return null;
        }

        try
        {
            byte[] key = Convert.FromBase64String(base64);
            return key.Length >= 32 ? key : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
