using StackExchange.Redis;

namespace Moderation.Redis.Comments;

/// <summary>A hash read as name/value pairs, from HGETALL inside a script or from HashGetAll.</summary>
internal sealed class RedisResultPairs
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public RedisResultPairs(RedisResult[] flat)
    {
        for (int i = 0; i + 1 < flat.Length; i += 2)
        {
            _values[(string)flat[i]!] = (string)flat[i + 1]!;
        }
    }

    public RedisResultPairs(HashEntry[] entries)
    {
        foreach (var entry in entries)
        {
            _values[entry.Name!] = entry.Value!;
        }
    }

    public bool IsEmpty => _values.Count == 0;

    /// <summary>
    /// Adds the comment's document, read from its own key, to a comment's hash; a hash written by
    /// a build before that key holds the document itself, and keeps it when the key is missing.
    /// </summary>
    public RedisResultPairs WithDocument(RedisValue document)
    {
        if (!document.IsNull && !IsEmpty)
        {
            _values[CommentHash.Document] = document!;
        }

        return this;
    }

    public string Get(string name) =>
        _values.TryGetValue(name, out var value) ? value : throw new InvalidDataException($"A stored comment lacks the field '{name}'.");

    public string GetOrEmpty(string name) => _values.GetValueOrDefault(name, "");
}
