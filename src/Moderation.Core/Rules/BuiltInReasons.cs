using Moderation.Core.Decisions;

namespace Moderation.Core.Rules;

/// <summary>
/// The reasons the service adds itself rather than a rule of the file: a score over a
/// threshold, and the moderators' settings on authors and articles. Each has an id like a rule,
/// listed by GetRules, and messages a rules file may replace under <c>built_in_reasons:</c>
/// (the suspension's <c>{until}</c> is filled in with its end).
/// </summary>
public sealed class BuiltInReasons
{
    /// <summary>One built-in reason as the rules file may describe it.</summary>
    public sealed record Definition(string Id, string Category, RuleAction Action, string Description, string AuthorMessage, string ModeratorMessage);

    public const string ScoreThreshold = "score-threshold";
    public const string AuthorBanned = "author-banned";
    public const string AuthorSuspended = "author-suspended";
    public const string AuthorPremoderated = "author-premoderated";
    public const string ArticlePremoderated = "article-premoderated";

    private const string HeldMessage = "Your comment will appear once a moderator has reviewed it.";
    private const string ThresholdRejectedMessage = "Your comment breaks several of our community guidelines, so we did not publish it.";

    private static readonly Definition[] Defaults =
    [
        new(ScoreThreshold, "score", RuleAction.Hold, "The weights of the matched rules reach the hold or reject threshold.", HeldMessage, "The weights of the matched rules add up to {score}, at or above the {action} threshold {threshold}."),
        new(AuthorBanned, "workflow", RuleAction.Reject, "The author is banned.", "Your account may no longer comment.", "The author is banned."),
        new(AuthorSuspended, "workflow", RuleAction.Reject, "The author is suspended.", "Your account may comment again after {until}.", "The author is suspended."),
        new(AuthorPremoderated, "workflow", RuleAction.Hold, "The author is premoderated.", "Your comments appear once a moderator has reviewed them.", "The author is premoderated."),
        new(ArticlePremoderated, "workflow", RuleAction.Hold, "The article is premoderated.", "Comments on this article appear once a moderator has reviewed them.", "The article is premoderated."),
    ];

    private readonly Dictionary<string, Definition> _definitions;
    private readonly bool _thresholdMessageSet;

    /// <summary>The built-in reasons with their default messages.</summary>
    public static BuiltInReasons Default { get; } = new(new Dictionary<string, (string?, string?)>());

    /// <param name="messages">Author and moderator messages by id; a null keeps the default.</param>
    public BuiltInReasons(IReadOnlyDictionary<string, (string? AuthorMessage, string? ModeratorMessage)> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        _definitions = Defaults.ToDictionary(
            d => d.Id,
            d => messages.TryGetValue(d.Id, out var set) ? d with { AuthorMessage = set.AuthorMessage ?? d.AuthorMessage, ModeratorMessage = set.ModeratorMessage ?? d.ModeratorMessage } : d);
        _thresholdMessageSet = messages.TryGetValue(ScoreThreshold, out var threshold) && threshold.AuthorMessage is not null;
    }

    public static IReadOnlyList<string> Ids { get; } = Defaults.Select(d => d.Id).ToList();

    /// <summary>Every built-in reason, in a fixed order.</summary>
    public IEnumerable<Definition> All => Ids.Select(id => _definitions[id]);

    /// <summary>The reason for a workflow setting, with <c>{until}</c> filled in where given.</summary>
    public DecisionReason Reason(string id, DateTimeOffset? until = null)
    {
        var definition = _definitions[id];
        string Fill(string message) => until is { } end ? message.Replace("{until}", end.ToString("u", System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal) : message;
        return new DecisionReason(id, definition.Category, definition.Action, Fill(definition.AuthorMessage), Fill(definition.ModeratorMessage), [], Shadow: false, Weight: 0);
    }

    /// <summary>
    /// The reason a score threshold adds. Unless the file sets its author message, a rejection
    /// says the comment was not published, rather than the hold's "will appear once reviewed".
    /// </summary>
    public DecisionReason Threshold(RuleAction action, double score, double threshold)
    {
        var definition = _definitions[ScoreThreshold];
        string forAuthor = action == RuleAction.Reject && !_thresholdMessageSet ? ThresholdRejectedMessage : definition.AuthorMessage;
        string forModerators = definition.ModeratorMessage
            .Replace("{score}", score.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{action}", action.ToString().ToLowerInvariant(), StringComparison.Ordinal)
            .Replace("{threshold}", threshold.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        return new DecisionReason(ScoreThreshold, definition.Category, action, forAuthor, forModerators, [], Shadow: false, Weight: 0);
    }
}
