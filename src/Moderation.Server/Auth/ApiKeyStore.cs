using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace Moderation.Server.Auth;

/// <summary>
/// The accepted API keys, held only as SHA-256 digests. A presented key is hashed and compared
/// against every digest in constant time, so neither the keys nor their position leak through
/// timing.
/// </summary>
internal sealed class ApiKeyStore
{
    /// <summary>Keys this long or shorter are hashed from the stack; longer ones from a rented buffer.</summary>
    private const int StackKeyBytes = 256;

    private readonly (byte[] Digest, string Name, string Role)[] _keys;

    public ApiKeyStore(IEnumerable<ApiKeyOptions> keys, string? developmentKey)
    {
        var entries = keys.Select(k => (Convert.FromHexString(k.Sha256), k.Name, k.Role)).ToList();
        if (developmentKey is not null)
        {
            entries.Add((Digest(developmentKey), "development", Roles.Admin));
        }

        _keys = [.. entries];
    }

    /// <summary>The holder of <paramref name="presentedKey"/>, or null when no key matches.</summary>
    public (string Name, string Role)? Find(ReadOnlySpan<char> presentedKey)
    {
        // The presented key is hashed from the stack: a digest made on every call would be
        // garbage at its end.
        int length = Encoding.UTF8.GetMaxByteCount(presentedKey.Length);
        byte[]? rented = length > StackKeyBytes ? ArrayPool<byte>.Shared.Rent(length) : null;
        Span<byte> utf8 = rented is not null ? rented : stackalloc byte[StackKeyBytes];
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        try
        {
            SHA256.HashData(utf8[..Encoding.UTF8.GetBytes(presentedKey, utf8)], digest);
        }
        finally
        {
            if (rented is not null)
            {
                CryptographicOperations.ZeroMemory(rented);
                ArrayPool<byte>.Shared.Return(rented);
            }
        }

        (string, string)? match = null;
        foreach (var key in _keys)
        {
            if (CryptographicOperations.FixedTimeEquals(digest, key.Digest))
            {
                match = (key.Name, key.Role);
            }
        }

        return match;
    }

    public static byte[] Digest(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    /// <summary>A fresh random key: 32 bytes, URL-safe base64, with a recognisable prefix for secret scanners.</summary>
    public static string NewKey() => "mod_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
