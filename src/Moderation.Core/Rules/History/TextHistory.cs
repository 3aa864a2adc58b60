namespace Moderation.Core.Rules.History;

/// <summary>
/// What was seen of a comment's text before it: when its author last posted the same text, and
/// how many distinct authors posted it within each window the rules ask about.
/// </summary>
public sealed record TextHistory(DateTimeOffset? AuthorPostedBefore, IReadOnlyDictionary<TimeSpan, int> AuthorsWithin)
{
    public static readonly TextHistory Unknown = new(null, new Dictionary<TimeSpan, int>());
}
