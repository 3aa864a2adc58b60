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
    /// <summary>300 characters of a reader's comment: the size the performance target names.</summary>
    private static readonly string Text = string.Concat(Enumerable.Repeat("The figures in the third paragraph do not match the ministry's own statement. ", 4))[..300];

    [Fact]
    public async Task Add_ApprovedCommentOf300Characters_TakesItsOwnKeysUnderTheBound()
    {
        var keys = new RedisKeys(RedisServerFixture.UniquePrefix());
        var store = new RedisCommentStore(redis.Connection, keys);
        var comment = new Comment(
            new CommentSubmission("comment-000123", "casualties-report", new AuthorProfile("reader-4242"), Text, IpAddress: "203.0.113.7"),
            new Decision(Verdict.Approved, [], Text, Flagged: false, Score: 0, RulesVersion: "1b20632b7ff7"),
            CommentState.Approved,
            Version: 1,
            TestComments.Epoch,
            TestComments.Epoch);

        await store.TryAddChargedAsync(CommentTransitions.Submit(comment), [], "comment-000123", default);

        var db = redis.Connection.GetDatabase();
        long commentBytes = await MemoryUsageAsync(db, keys.Comment("comment-000123"));
        long historyBytes = await MemoryUsageAsync(db, keys.History("comment-000123"));
        Assert.True(commentBytes + historyBytes <= MaximumBytes, $"comment {commentBytes} B + history {historyBytes} B = {commentBytes + historyBytes} B, over {MaximumBytes} B");
    }

    /// <summary>
    /// 2,504 B measured on Redis 7.0 (the hash 1,824 B: its document is over 64 bytes, so Redis
    /// keeps it as a hash table; the history 680 B, which holds the text again). A guard against
    /// growth; the target in docs/performance.md, 1.5 KB, is not met yet.
    /// </summary>
    private const long MaximumBytes = 2_600;

    private static async Task<long> MemoryUsageAsync(IDatabase db, RedisKey key) =>
        (long)await db.ExecuteAsync("MEMORY", "USAGE", key, "SAMPLES", "0");
}
