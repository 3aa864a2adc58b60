using System.Buffers;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace Moderation.Server.Auth;

/// <summary>
/// The accepted API keys, configured only as SHA-256 digests. A presented key is hashed and
/// compared against every digest in constant time, so neither the keys nor their position leak
/// through timing. A key that matched is remembered, in this process's memory only, and later
/// compared as it is, in constant time too.
/// </summary>
internal sealed class ApiKeyStore
{
    /// <summary>Keys this long or shorter are hashed from the stack; longer ones from a rented buffer.</summary>
    private const int StackKeyBytes = 256;

    private readonly (byte[] Digest, string Name, string Role)[] _keys;

    // Keys presented before that matched a digest, so a caller's every call after its first
    // costs a comparison rather than a hash (about 1.3 µs). Only matching keys enter, one per
    // digest, so it never holds more entries than there are keys, and a flood of wrong keys
    // cannot grow it. Replaced whole when a key is added, so readers need no lock.
    private (string Key, string Name, string Role)[] _recognised = [];

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
    public (string Name, string Role)? Find(ReadOnlySpan<char> presentedKey) =>
        FindRecognised(presentedKey) ?? FindByDigest(presentedKey);

    public static byte[] Digest(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    /// <summary>A fresh random key: 32 bytes, URL-safe base64, with a recognisable prefix for secret scanners.</summary>
    public static string NewKey() => "mod_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private (string Name, string Role)? FindRecognised(ReadOnlySpan<char> presentedKey)
    {
        // Every entry is compared in constant time, as the digests are: the time taken says
        // nothing about how much of a key matched, or which.
        var presented = MemoryMarshal.AsBytes(presentedKey);
        (string, string)? match = null;
        foreach (var entry in Volatile.Read(ref _recognised))
        {
            if (CryptographicOperations.FixedTimeEquals(presented, MemoryMarshal.AsBytes(entry.Key.AsSpan())))
            {
                match = (entry.Name, entry.Role);
            }
        }

        return match;
    }

    private (string Name, string Role)? FindByDigest(ReadOnlySpan<char> presentedKey)
    {
        // Hashed from the stack: a digest made on every call would be garbage at its end.
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

        (string Name, string Role)? match = null;
        foreach (var key in _keys)
        {
            if (CryptographicOperations.FixedTimeEquals(digest, key.Digest))
            {
                match = (key.Name, key.Role);
            }
        }

        if (match is { } holder)
        {
            Recognise(presentedKey.ToString(), holder);
        }

        return match;
    }

    private void Recognise(string key, (string Name, string Role) holder)
    {
        var current = Volatile.Read(ref _recognised);
        while (current.Length < _keys.Length && !current.Any(entry => entry.Key == key))
        {
            var seen = Interlocked.CompareExchange(ref _recognised, [.. current, (key, holder.Name, holder.Role)], current);
            if (ReferenceEquals(seen, current))
            {
                return;
            }

            current = seen;
        }
    }
}
