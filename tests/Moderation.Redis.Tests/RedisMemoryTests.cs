using Moderation.Core.Comments;
using Moderation.Core.Decisions;
using Moderation.Core.Workflow.Transitions;
using Moderation.Redis.Comments;
using Moderation.Testing;
using StackExchange.Redis;

namespace Moderation.Redis.Tests;

/// <summary>What a stored comment costs in Redis memory, as Redis itself reports it (MEMORY USAGE).</summary>
[Collection(SharedRedisServer.Name)]
public sealed class RedisMemoryTests(RedisServerFixture redis)
{
    /// <summary>
    /// 300 characters of a reader's comment, the size the performance target names (1.5 KB), in
    /// English and in Russian, whose letters take two bytes each in UTF-8. Measured on Redis 7.0:
    /// 1,288 B and 1,544 B (hash 200 B, document 728 B or 984 B, history 360 B); before the
    /// document had its own key and the text was stored once, 2,504 B for the English one, and a
    /// Russian text was stored as six-byte escapes.
    /// </summary>
    [Theory]
    [InlineData("The figures in the third paragraph do not match the ministry's own statement. ", 1_500)]
    [InlineData("Цифры в третьем абзаце не совпадают с заявлением самого министерства обороны. ", 1_650)]
    public async Task Add_ApprovedCommentOf300Characters_TakesItsOwnKeysUnderTheBound(string sentence, long maximumBytes)
    {
        string text = string.Concat(Enumerable.Repeat(sentence, 5))[..300];
        var keys = new RedisKeys(RedisServerFixture.UniquePrefix());
        var store = new RedisCommentStore(redis.Connection, keys);
        var comment = new Comment(
            new CommentSubmission("comment-000123", "casualties-report", new AuthorProfile("reader-4242"), text, IpAddress: "203.0.113.7"),
            new Decision(Verdict.Approved, [], text, Flagged: false, Score: 0, RulesVersion: "1b20632b7ff7"),
            CommentState.Approved,
            Version: 1,
            TestComments.Epoch,
            TestComments.Epoch);

        await store.TryAddChargedAsync(CommentTransitions.Submit(comment), [], default);

        var db = redis.Connection.GetDatabase();
        long commentBytes = await MemoryUsageAsync(db, keys.Comment("comment-000123"));
        long documentBytes = await MemoryUsageAsync(db, keys.Document("comment-000123"));
        long historyBytes = await MemoryUsageAsync(db, keys.History("comment-000123"));
        long total = commentBytes + documentBytes + historyBytes;
        Assert.True(total <= maximumBytes, $"comment {commentBytes} B + document {documentBytes} B + history {historyBytes} B = {total} B, over {maximumBytes} B");
    }

    private static async Task<long> MemoryUsageAsync(IDatabase db, RedisKey key) =>
        (long)await db.ExecuteAsync("MEMORY", "USAGE", key, "SAMPLES", "0");
}
