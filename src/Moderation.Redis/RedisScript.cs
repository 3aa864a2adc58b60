using System.Security.Cryptography;
using System.Text;
using StackExchange.Redis;

namespace Moderation.Redis;

/// <summary>
/// A Lua script sent by its SHA-1 (EVALSHA). StackExchange.Redis's own cache, which
/// <c>ScriptEvaluateAsync(string)</c> uses, looks the script's text up in a hash table on every
/// call, hashing all of it: for the new-comment script (about 8 KB) that was 3 % of the
/// service's CPU under submissions, on the connection's writer. The hash is computed once here
/// instead; when Redis answers NOSCRIPT (it restarted, or a replica took over, and lost its
/// cache) the call goes through StackExchange.Redis's cache, which sends the script again.
/// </summary>
internal sealed class RedisScript(string source)
{
    // SHA-1 because that is how Redis names a script, not for security.
#pragma warning disable CA5350
    private readonly byte[] _sha1 = SHA1.HashData(Encoding.UTF8.GetBytes(source));
#pragma warning restore CA5350

    public async Task<RedisResult> EvaluateAsync(IDatabaseAsync db, RedisKey[] keys, RedisValue[] values)
    {
        try
        {
            return await db.ScriptEvaluateAsync(_sha1, keys, values).ConfigureAwait(false);
        }
        catch (RedisServerException ex) when (ex.Message.StartsWith("NOSCRIPT", StringComparison.Ordinal))
        {
            return await db.ScriptEvaluateAsync(source, keys, values).ConfigureAwait(false);
        }
    }
}
