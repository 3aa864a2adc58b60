using System.Security.Cryptography;
using System.Text;
using StackExchange.Redis;

namespace Moderation.Redis;

/// <summary>
/// A script with any number of keys, sent as EVALSHA (the script's hash, not its text) and
/// loaded with EVAL only when a server answers NOSCRIPT: after a restart or on a new node.
/// </summary>
internal sealed class RedisScript(string source)
{
    // SHA-1 because Redis names scripts by it; it identifies, it does not protect anything.
#pragma warning disable CA5350
    private readonly byte[] _sha1 = SHA1.HashData(Encoding.UTF8.GetBytes(source));
#pragma warning restore CA5350

    public string Source { get; } = source;

    public async Task<RedisResult> EvaluateAsync(IDatabase db, RedisKey[] keys, RedisValue[] values)
    {
        try
        {
            return await db.ScriptEvaluateAsync(_sha1, keys, values).ConfigureAwait(false);
        }
        catch (RedisServerException ex) when (ex.Message.StartsWith("NOSCRIPT", StringComparison.Ordinal))
        {
            return await db.ScriptEvaluateAsync(Source, keys, values).ConfigureAwait(false);
        }
    }
}
