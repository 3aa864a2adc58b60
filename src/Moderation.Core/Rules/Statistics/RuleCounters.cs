using Moderation.Core.Comments;
using Moderation.Core.Decisions;

namespace Moderation.Core.Rules.Statistics;

/// <summary>
/// What the rule statistics count, written once for both stores: for each new comment, the
/// comment itself, every rule that matched (by its action, by the comment's verdict, and apart
/// when it was shadow) and the
/// rule that decided; for a comment's first moderator decision, that the deciding rule was
/// reviewed, and whether the moderator reversed it. Counters live in hour buckets named
/// <c>&lt;rule&gt;|&lt;counter&gt;</c>, plus <see cref="Comments"/>.
/// </summary>
public static class RuleCounters
{
    /// <summary>New comments stored in the hour.</summary>
    public const string Comments = "comments";

    /// <summary>A rule matched but did not act: a shadow rule, or a hold rule skipped for a trusted author.</summary>
    public const string Shadow = "shadow";

    /// <summary>The rule set the verdict (<see cref="Decision.DecidingReason"/>).</summary>
    public const string Decided = "decided";

    /// <summary>A moderator decided a comment this rule had decided, for the first time.</summary>
    public const string Reviewed = "reviewed";

    /// <summary>That moderator reversed the rule: published what it kept back, or kept back what it published.</summary>
    public const string Overturned = "overturned";

    /// <summary>How long a bucket is kept after its last write: the week read by the statistics and a day to spare.</summary>
    public static readonly TimeSpan BucketLifetime = TimeSpan.FromDays(8);

    private const long MillisecondsPerHour = 3_600_000;

    private static readonly string[] CommentOnly = [Comments];

    /// <summary>The hour bucket of an instant (hours since the Unix epoch).</summary>
    public static long HourOf(DateTimeOffset at) => Math.DivRem(at.ToUnixTimeMilliseconds(), MillisecondsPerHour, out long rest) - (rest < 0 ? 1 : 0);

    /// <summary>The instant an hour bucket starts.</summary>
    public static DateTimeOffset StartOf(long hour) => DateTimeOffset.FromUnixTimeMilliseconds(hour * MillisecondsPerHour);

    /// <summary>The field of a rule's counter: its id, a bar, the counter (an action's name, or one of the constants here).</summary>
    public static string Field(string ruleId, string counter) => ruleId + "|" + counter;

    /// <summary>The counter of a match by a rule with <paramref name="action"/>.</summary>
    public static string ActionCounter(RuleAction action) => action switch
    {
        RuleAction.Approve => "approve",
        RuleAction.Flag => "flag",
        RuleAction.Censor => "censor",
        RuleAction.Hold => "hold",
        RuleAction.Reject => "reject",
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
    };

    /// <summary>The action whose matches a counter counts; null for the other counters.</summary>
    public static RuleAction? ActionOf(string counter) => counter switch
    {
        "approve" => RuleAction.Approve,
        "flag" => RuleAction.Flag,
        "censor" => RuleAction.Censor,
        "hold" => RuleAction.Hold,
        "reject" => RuleAction.Reject,
        _ => null,
    };

    /// <summary>The counter of a match in a comment whose verdict was <paramref name="verdict"/>.</summary>
    public static string VerdictCounter(Verdict verdict) => verdict switch
    {
        Verdict.Approved => "verdict-approved",
        Verdict.PendingReview => "verdict-pending",
        Verdict.Rejected => "verdict-rejected",
        _ => throw new ArgumentOutOfRangeException(nameof(verdict), verdict, null),
    };

    /// <summary>The verdict whose matches a counter counts; null for the other counters.</summary>
    public static Verdict? VerdictOf(string counter) => counter switch
    {
        "verdict-approved" => Verdict.Approved,
        "verdict-pending" => Verdict.PendingReview,
        "verdict-rejected" => Verdict.Rejected,
        _ => null,
    };

    /// <summary>Splits a field into the rule's id and the counter; false for <see cref="Comments"/> and anything not a rule's.</summary>
    public static bool TryParse(string field, out string ruleId, out string counter)
    {
        ArgumentNullException.ThrowIfNull(field);
        int bar = field.LastIndexOf('|');
        ruleId = bar > 0 ? field[..bar] : "";
        counter = bar > 0 ? field[(bar + 1)..] : "";
        return bar > 0 && counter.Length > 0;
    }

    /// <summary>The counters a new comment adds to, in the hour it was created.</summary>
    public static RuleCounterIncrement ForSubmission(Decision decision, DateTimeOffset createdAt)
    {
        ArgumentNullException.ThrowIfNull(decision);
        long hour = HourOf(createdAt);
        if (decision.Reasons.Count == 0)
        {
            return new RuleCounterIncrement(hour, CommentOnly);
        }

        // One reason per rule (the engine groups its matches), so each field appears once.
        var fields = new List<string>(2 + (3 * decision.Reasons.Count)) { Comments };
        string verdict = VerdictCounter(decision.Verdict);
        foreach (var reason in decision.Reasons)
        {
            fields.Add(Field(reason.RuleId, ActionCounter(reason.Action)));
            fields.Add(Field(reason.RuleId, verdict));
            if (reason.Shadow)
            {
                fields.Add(Field(reason.RuleId, Shadow));
            }
        }

        if (decision.DecidingReason() is { } deciding)
        {
            fields.Add(Field(deciding.RuleId, Decided));
        }

        return new RuleCounterIncrement(hour, fields);
    }

    /// <summary>
    /// The counters a moderator's decision adds to, in the hour it was made: only a comment's first
    /// moderator decision reviews the rules' decision (later ones revisit a moderator's), and only
    /// when a rule decided it. Overturned when the moderator's verdict and the rule's disagree on
    /// publishing: held or rejected then approved, or published (flagged, censored) then rejected.
    /// </summary>
    public static RuleCounterIncrement? ForReview(Comment reviewed, ModeratorDecision decision)
    {
        ArgumentNullException.ThrowIfNull(reviewed);
        ArgumentNullException.ThrowIfNull(decision);
        if (reviewed.ModeratorDecision is not null || reviewed.Decision.DecidingReason() is not { } deciding)
        {
            return null;
        }

        bool rulePublished = reviewed.Decision.Verdict == Verdict.Approved;
        bool moderatorPublished = decision.Verdict == Verdict.Approved;
        string[] fields = rulePublished == moderatorPublished
            ? [Field(deciding.RuleId, Reviewed)]
            : [Field(deciding.RuleId, Reviewed), Field(deciding.RuleId, Overturned)];
        return new RuleCounterIncrement(HourOf(decision.DecidedAt), fields);
    }
}
