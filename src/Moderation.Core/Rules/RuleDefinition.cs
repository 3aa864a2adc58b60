using Moderation.Core.Decisions;
using Moderation.Core.Rules.Detectors;
using Moderation.Core.Rules.Matching;

namespace Moderation.Core.Rules;

/// <summary>
/// One rule as written in the rules file. A term-list rule has <see cref="Terms"/>, a phrase
/// rule <see cref="Phrases"/>; every other kind (regex, links, contact details, spam signals)
/// has a <see cref="Detector"/>.
/// </summary>
public sealed record RuleDefinition(
    string Id,
    string Description,
    string Category,
    RuleAction Action,
    string AuthorMessage,
    string ModeratorMessage,
    bool Shadow,
    double Weight,
    IReadOnlyList<string> Terms,
    IReadOnlyList<string> AllowTerms,
    RuleDetector? Detector = null,
    RuleConditions? Conditions = null,
    IReadOnlyList<PhrasePattern>? Phrases = null,
    bool SkipNames = false,
    IReadOnlyDictionary<string, string>? AuthorMessages = null,
    IReadOnlyList<string>? Languages = null)
{
    /// <summary>The author message in <paramref name="language"/> when the rule has one, else its default.</summary>
    public string AuthorMessageIn(string language) =>
        AuthorMessages is not null && AuthorMessages.TryGetValue(language, out string? message) ? message : AuthorMessage;

    /// <summary>Whether the rule is for <paramref name="text"/>: it names no languages, or the text uses the script of one.</summary>
    public bool AppliesTo(string text) => Languages is null || Languages.Any(language => CommentLanguage.HasScriptOf(text, language));

    public RuleConditions When => Conditions ?? RuleConditions.Always;
}
