using Moderation.Core.Workflow;
using StackExchange.Redis;

namespace Moderation.Redis;

/// <summary>
/// Every key the service uses, built here and nowhere else.
/// </summary>
/// <remarks>
/// Redis Cluster runs a script only when all its keys share one hash slot, and the slot comes
/// from the part of the key in braces. Workflow keys share one tag (<c>{wf}</c> unless
/// configured) because one script must update a comment and its queue together; rate-limit
/// keys share it too, because one script charges a new comment's limits (author, IP, article,
/// global) and stores it, all or nothing. Text-history keys carry the text's fingerprint, so
/// they spread over the cluster. Deployments with tags of their own spread over it too.
/// </remarks>
public sealed class RedisKeys(string prefix, string hashTag = "wf")
{
    // The keys with no id in them are built once, and those with one put the id after a prefix
    // kept as bytes (StackExchange.Redis writes the two parts one after the other): a submission
    // names about fifteen keys, and concatenating each was a string per key.
    private readonly string _workflow = WorkflowKey(prefix, hashTag, "");
    private readonly RedisKey _comment = KeyPrefix(prefix, hashTag, "comment:");
    private readonly RedisKey _document = KeyPrefix(prefix, hashTag, "doc:");
    private readonly RedisKey _reporters = KeyPrefix(prefix, hashTag, "reporters:");
    private readonly RedisKey _history = KeyPrefix(prefix, hashTag, "history:");
    private readonly RedisKey _author = KeyPrefix(prefix, hashTag, "author:");
    private readonly RedisKey _authorPending = KeyPrefix(prefix, hashTag, "author-pending:");
    private readonly RedisKey _authorRecent = KeyPrefix(prefix, hashTag, "author-recent:");
    private readonly RedisKey _article = KeyPrefix(prefix, hashTag, "article:");
    private readonly string _rateLimit = prefix + ":{" + hashTag + "}:rl:";

    // A prefix per limit policy; the policies are the configured few.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, RedisKey> _rateLimitPolicies = new(StringComparer.Ordinal);
    private readonly string _textHistory = prefix + ":text:{";

    public RedisKey Comment(string commentId) => ((RedisKey)commentId).Prepend(_comment);

    /// <summary>
    /// A comment's document (JSON: submission, rules' decision, creation time), in a key of its
    /// own so the comment's hash holds only short values and Redis keeps it compact (a listpack).
    /// </summary>
    public RedisKey Document(string commentId) => ((RedisKey)commentId).Prepend(_document);

    public RedisKey PendingQueue { get; } = WorkflowKey(prefix, hashTag, "queue:pending");

    /// <summary>Approved comments reported by enough readers, scored by when they crossed the threshold.</summary>
    public RedisKey ReportedQueue { get; } = WorkflowKey(prefix, hashTag, "queue:reported");

    /// <summary>Comments hidden by reports, scored by when they were hidden.</summary>
    public RedisKey HiddenQueue { get; } = WorkflowKey(prefix, hashTag, "queue:hidden");

    /// <summary>The readers who reported a comment (one report each).</summary>
    public RedisKey Reporters(string commentId) => ((RedisKey)commentId).Prepend(_reporters);

    public RedisKey Queue(QueueKind queue) => queue switch
    {
        QueueKind.Pending => PendingQueue,
        QueueKind.Reported => ReportedQueue,
        _ => HiddenQueue,
    };

    /// <summary>A comment's history: a list of JSON entries, appended by the same scripts that change the comment.</summary>
    public RedisKey History(string commentId) => ((RedisKey)commentId).Prepend(_history);

    /// <summary>An author's status and counts.</summary>
    public RedisKey Author(string authorId) => ((RedisKey)authorId).Prepend(_author);

    /// <summary>The author's comments in the pending queue.</summary>
    public RedisKey AuthorPending(string authorId) => ((RedisKey)authorId).Prepend(_authorPending);

    /// <summary>A list of the author's most recent comment ids, newest first, capped.</summary>
    public RedisKey AuthorRecent(string authorId) => ((RedisKey)authorId).Prepend(_authorRecent);

    public RedisKey Article(string articleId) => ((RedisKey)articleId).Prepend(_article);

    /// <summary>The decision events: a stream, appended by the scripts that change comments after submission.</summary>
    public RedisKey Events { get; } = WorkflowKey(prefix, hashTag, "events");

    /// <summary>
    /// The newest event id retention has dropped. Redis 7.0 tracks this only for XDEL, not for
    /// trimming, so the scripts record it as they trim: a cursor older than it has a gap.
    /// </summary>
    public RedisKey EventsTrimmed { get; } = WorkflowKey(prefix, hashTag, "events-trimmed");

    /// <summary>
    /// The event log's id, set by the first script that appends an event and never changed: a
    /// Redis that lost its data begins a log with a new id, and cursors of the old one are known.
    /// </summary>
    public RedisKey EventsLog { get; } = WorkflowKey(prefix, hashTag, "events-log");

    /// <summary>
    /// The rule counters of one clock hour (<paramref name="hour"/>: hours since the Unix epoch): a
    /// hash of <c>&lt;rule&gt;|&lt;counter&gt;</c> fields and <c>comments</c>, written by the scripts
    /// that store new comments and moderators' decisions, expiring after its last write.
    /// </summary>
    public RedisKey RuleStats(long hour) => _workflow + "rule-stats:" + hour.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The emergency brake's demotions, a field per demoted rule, shared by every instance.</summary>
    public RedisKey Demotions { get; } = WorkflowKey(prefix, hashTag, "demotions");

    /// <summary>The ids of recent comments, scored by creation time (ms), trimmed by age and count as each is added.</summary>
    public RedisKey RecentComments { get; } = WorkflowKey(prefix, hashTag, "recent");

    public RedisKey RateLimit(string policyName, string subject) =>
        ((RedisKey)subject).Prepend(_rateLimitPolicies.GetOrAdd(policyName, static (name, rateLimit) => System.Text.Encoding.UTF8.GetBytes(rateLimit + name + ":"), _rateLimit));

    /// <summary>Marks a comment (or one edit of it) as charged against the limits, so its retries are not charged again.</summary>
    public RedisKey Charge(string chargeId) => _rateLimit + "@charged:" + chargeId;

    /// <summary>The authors who posted one text (by fingerprint), scored by when, in milliseconds.</summary>
    public RedisKey TextHistory(string fingerprint) => _textHistory + fingerprint + "}";

    private static string WorkflowKey(string prefix, string hashTag, string name) => prefix + ":{" + hashTag + "}:" + name;

    private static RedisKey KeyPrefix(string prefix, string hashTag, string name) => System.Text.Encoding.UTF8.GetBytes(WorkflowKey(prefix, hashTag, name));
}
