using System.Text.RegularExpressions;
using Moderation.Core.Decisions;
using Moderation.Core.Rules.Detectors;
using Moderation.Core.Rules.Matching;

namespace Moderation.Core.Rules;

/// <summary>
/// One rule as written in the rules file. A term-list rule has <see cref="Terms"/>, a phrase
/// rule <see cref="Phrases"/>; every other kind (regex, links, contact details, spam signals)
/// has a <see cref="Detector"/>.
/// </summary>
/// <param name="Brake">
/// Whether the emergency brake may demote the rule to shadow when it suddenly matches far more
/// than usual (<c>brake: false</c> in the file, for rules that must never be softened).
/// </param>
/// <param name="Fingerprint">A hash of the rule's definition as read, equal across reloads exactly when the rule did not change.</param>
/// <param name="SkipQuoted">
/// Whether a match wholly inside quotation marks is dropped (<c>skip_quoted: true</c>): for
/// statements such as threats, which a comment quotes to report or condemn them.
/// </param>
/// <param name="AllowPhrases">
/// Phrase patterns of a term-list or phrase rule that say its words are used in an innocent
/// sense ("our bitch had six puppies") or only mentioned ("the word ... is a slur"): a match of
/// the rule inside a match of one is dropped, as inside an allow term.
/// </param>
public sealed partial record RuleDefinition(
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
    IReadOnlyList<string>? Languages = null,
    bool Brake = true,
    string Fingerprint = "",
    IReadOnlyList<PhrasePattern>? AllowPhrases = null,
    bool SkipQuoted = false)
{
    /// <summary>The author message in <paramref name="language"/> when the rule has one, else its default.</summary>
    public string AuthorMessageIn(string language) =>
        AuthorMessages is not null && AuthorMessages.TryGetValue(language, out string? message) ? message : AuthorMessage;

    /// <summary>Whether the rule is for <paramref name="text"/>: it names no languages, or the text uses the script of one.</summary>
    public bool AppliesTo(string text) => Languages is null || Languages.Any(language => CommentLanguage.HasScriptOf(text, language));

    public RuleConditions When => Conditions ?? RuleConditions.Always;

    /// <summary>Whether <paramref name="id"/> has the form of a rule id: 1 to 64 of a-z, 0-9, '-', '_' and '.'.</summary>
    public static bool IsValidId(string id) => IdPattern().IsMatch(id);

    [GeneratedRegex("^[a-z0-9._-]{1,64}$")]
    private static partial Regex IdPattern();

    /// <summary>
    /// Whether the emergency brake watches this rule: it can change what happens to a comment
    /// (any action but approve, or a weight toward the score thresholds), it is not shadow
    /// already, and its file does not exempt it.
    /// </summary>
    public bool BrakeApplies => Brake && !Shadow && (Action != RuleAction.Approve || Weight > 0);
}
