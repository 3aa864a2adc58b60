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
    public (string Name, string Role)? Find(string presentedKey)
    {
        byte[] digest = Digest(presentedKey);
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
