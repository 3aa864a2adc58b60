namespace Moderation.Redis.Telemetry;

/// <summary>
/// The names Redis calls are recorded under (the <c>operation</c> tag and the span's name): one
/// per store operation or script, never a key, so the series stay few.
/// </summary>
internal static class RedisOperation
{
    public const string CommentGet = "comment.get";
    public const string CommentRead = "comment.read";
    public const string CommentApply = "comment.apply";
    public const string CommentAddCharged = "comment.add_charged";
    public const string QueueList = "queue.list";
    public const string QueueMembers = "queue.members";
    public const string QueueStats = "queue.stats";
    public const string AuthorGet = "author.get";
    public const string AuthorSetStatus = "author.set_status";
    public const string AuthorRecent = "author.recent";
    public const string AuthorPending = "author.pending";
    public const string ArticleGet = "article.get";
    public const string ArticleUpsert = "article.upsert";
    public const string HistoryGet = "history.get";
    public const string EventsLatest = "events.latest";
    public const string EventsRead = "events.read";
    public const string TextHistoryRecord = "text_history.record";
    public const string RateLimitAcquire = "ratelimit.acquire";
    public const string RuleStatsRead = "rule_stats.read";
    public const string RecentRead = "recent.read";
    public const string DemotionsRead = "demotions.read";
    public const string DemotionsWrite = "demotions.write";
}
