using Moderation.Core.Comments;
using Moderation.Core.Decisions;
using Moderation.Core.Errors;

namespace Moderation.Core.Rules;

/// <summary>What administrators do with rules: read the active set, check a candidate, dry-run a text, restore a rule the brake demoted.</summary>
public sealed class RuleSetService(IRuleSetProvider rules, CommentValidator validator, TimeProvider timeProvider, Brake.RuleBrake brake)
{
    /// <summary>The longest rules file accepted for validation, in UTF-16 code units (1 Mi); the shipped one is 37 Ki.</summary>
    public const int MaxRulesFileLength = 1024 * 1024;

    public RuleSet Current => rules.Current;

    /// <summary>Checks a candidate rules file without activating it, off the request threads (<see cref="RuleCompilation"/>).</summary>
    public async Task<RuleSetValidation> ValidateAsync(string content, CancellationToken cancellationToken)
    {
        var violations = new FieldViolations();
        if (content.Length > MaxRulesFileLength)
        {
            violations.Add("content", $"Must be at most {MaxRulesFileLength} characters.");
        }

        violations.ThrowIfAny();
        // A candidate's term files are looked up beside the rules in force, where it would be deployed.
        string? directory = File.Exists(rules.Current.Source) ? Path.GetDirectoryName(Path.GetFullPath(rules.Current.Source)) : null;
        var now = timeProvider.GetUtcNow();
        return await RuleCompilation.RunAsync(
            () => new RuleSetValidation(RuleSetParser.TryParse(content, "candidate", now, out var errors, directory), errors),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Whether the emergency brake watches rules (<see cref="Brake.RuleBrakeOptions.Enabled"/>).</summary>
    public bool BrakeEnabled => brake.Enabled;

    /// <summary>The emergency brake's demotions in force, by rule id.</summary>
    public IReadOnlyDictionary<string, Brake.RuleDemotion> Demotions => brake.Demotions;

    /// <summary>
    /// The decision the active rules would make, demoted rules as shadow (what the service
    /// would do now); nothing is stored or counted, not even by the brake.
    /// </summary>
    public Decision Test(string text, AuthorProfile? author = null, string? parentId = null)
    {
        var violations = new FieldViolations();
        validator.CheckText(violations, "text", text);
        if (author?.CreatedAt is { } created)
        {
            validator.CheckPast(violations, "author.created_at", created);
        }

        CommentValidator.CheckId(violations, "parent_id", parentId, required: false);
        violations.ThrowIfAny();
        var now = timeProvider.GetUtcNow();
        return rules.Current.Evaluate(text, new EvaluationContext(now, author?.CreatedAt, !string.IsNullOrEmpty(parentId), DemotedRules: brake.DemotedRules));
    }
}
