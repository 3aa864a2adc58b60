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
    bool SkipNames = false)
{
    public RuleConditions When => Conditions ?? RuleConditions.Always;
}
