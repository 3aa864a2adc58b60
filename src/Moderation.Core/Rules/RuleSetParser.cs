using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Moderation.Core.Decisions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Moderation.Core.Rules;

/// <summary>
/// Reads a YAML rules file. Walks the YAML node tree rather than deserializing into classes so
/// that every problem, not just syntax errors, is reported with its line and column, and every
/// problem of the file is reported at once.
/// </summary>
public static partial class RuleSetParser
{
    /// <summary>Far deeper than any rules file needs (they nest four levels).</summary>
    private const int MaxNesting = 64;

    private static readonly string[] RuleKeys =
        ["id", "description", "category", "action", "author_message", "moderator_message", "shadow", "weight", "terms", "allow"];

    /// <summary>Parses and validates rules; errors is empty exactly when the result is not null.</summary>
    public static RuleSet? TryParse(string content, string source, DateTimeOffset loadedAt, out IReadOnlyList<RuleError> errors)
    {
        ArgumentNullException.ThrowIfNull(content);
        var problems = new List<RuleError>();
        var rules = ReadRules(content, problems);
        errors = problems;
        return problems.Count == 0 ? new RuleSet(rules, VersionOf(content), source, loadedAt) : null;
    }

    /// <summary>Parses and validates rules, throwing <see cref="InvalidRulesException"/> with every problem.</summary>
    public static RuleSet Parse(string content, string source, DateTimeOffset loadedAt) =>
        TryParse(content, source, loadedAt, out var errors) ?? throw new InvalidRulesException(source, errors);

    /// <summary>Reads and parses a rules file.</summary>
    public static RuleSet ParseFile(string path, DateTimeOffset loadedAt) =>
        Parse(File.ReadAllText(path, Encoding.UTF8), path, loadedAt);

    private static List<RuleDefinition> ReadRules(string content, List<RuleError> problems)
    {
        var rules = new List<RuleDefinition>();
        var stream = new YamlStream();
        try
        {
            if (FindExcessiveNesting(content) is { } tooDeep)
            {
                problems.Add(tooDeep);
                return rules;
            }

            stream.Load(new StringReader(content));
        }
        catch (YamlException ex)
        {
            problems.Add(new RuleError((int)ex.Start.Line, (int)ex.Start.Column, ex.InnerException?.Message ?? ex.Message));
            return rules;
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            problems.Add(new RuleError(0, 0, "The file must be a mapping with a 'rules' list."));
            return rules;
        }

        YamlSequenceNode? ruleNodes = null;
        foreach (var (keyNode, valueNode) in root.Children)
        {
            switch (((YamlScalarNode)keyNode).Value)
            {
                case "version":
                    if (valueNode is not YamlScalarNode { Value: "1" })
                    {
                        problems.Add(At(valueNode, "Only version 1 is supported."));
                    }

                    break;
                case "rules":
                    ruleNodes = valueNode as YamlSequenceNode;
                    if (ruleNodes is null)
                    {
                        problems.Add(At(valueNode, "'rules' must be a list."));
                    }

                    break;
                default:
                    problems.Add(At(keyNode, $"Unknown key '{keyNode}'; expected 'version' or 'rules'."));
                    break;
            }
        }

        if (ruleNodes is null)
        {
            if (problems.Count == 0)
            {
                problems.Add(new RuleError(0, 0, "The file has no 'rules' list."));
            }

            return rules;
        }

        var seenIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var ruleNode in ruleNodes.Children)
        {
            if (ReadRule(ruleNode, problems) is { } rule)
            {
                if (!seenIds.Add(rule.Id))
                {
                    problems.Add(At(ruleNode, $"Rule id '{rule.Id}' is used twice."));
                }

                rules.Add(rule);
            }
        }

        return rules;
    }

    private static RuleDefinition? ReadRule(YamlNode node, List<RuleError> problems)
    {
        if (node is not YamlMappingNode mapping)
        {
            problems.Add(At(node, "A rule must be a mapping."));
            return null;
        }

        int problemsBefore = problems.Count;
        var fields = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            string key = ((YamlScalarNode)keyNode).Value ?? "";
            if (Array.IndexOf(RuleKeys, key) < 0)
            {
                problems.Add(At(keyNode, $"Unknown rule key '{key}'; expected one of: {string.Join(", ", RuleKeys)}."));
            }

            fields[key] = valueNode;
        }

        string id = Scalar(fields, "id", mapping, problems, required: true) ?? "";
        if (id.Length > 0 && !RuleIdPattern().IsMatch(id))
        {
            problems.Add(At(fields["id"], "A rule id is 1 to 64 of a-z, 0-9, '-', '_' and '.'."));
        }

        string? actionText = Scalar(fields, "action", mapping, problems, required: true);
        RuleAction action = RuleAction.Approve;
        if (actionText is not null && !TryParseAction(actionText, out action))
        {
            problems.Add(At(fields["action"], $"Unknown action '{actionText}'; expected approve, flag, censor, hold or reject."));
        }

        bool shadow = false;
        if (Scalar(fields, "shadow", mapping, problems, required: false) is { } shadowText && !bool.TryParse(shadowText, out shadow))
        {
            problems.Add(At(fields["shadow"], "'shadow' must be true or false."));
        }

        double weight = 0;
        if (Scalar(fields, "weight", mapping, problems, required: false) is { } weightText
            && (!double.TryParse(weightText, NumberStyles.Float, CultureInfo.InvariantCulture, out weight) || weight < 0 || weight > 1000))
        {
            problems.Add(At(fields["weight"], "'weight' must be a number from 0 to 1000."));
        }

        var terms = ReadTerms(fields, "terms", mapping, problems, required: true);
        var allowTerms = ReadTerms(fields, "allow", mapping, problems, required: false);
        string category = Scalar(fields, "category", mapping, problems, required: false) ?? "general";
        string description = Scalar(fields, "description", mapping, problems, required: false) ?? "";
        string authorMessage = Scalar(fields, "author_message", mapping, problems, required: false)
            ?? "Your comment does not follow the community guidelines.";
        string moderatorMessage = Scalar(fields, "moderator_message", mapping, problems, required: false)
            ?? $"Matched rule '{id}' ({category}).";

        return problems.Count == problemsBefore
            ? new RuleDefinition(id, description, category, action, authorMessage, moderatorMessage, shadow, weight, terms, allowTerms)
            : null;
    }

    private static List<string> ReadTerms(Dictionary<string, YamlNode> fields, string key, YamlNode rule, List<RuleError> problems, bool required)
    {
        var terms = new List<string>();
        if (!fields.TryGetValue(key, out var node))
        {
            if (required)
            {
                problems.Add(At(rule, $"A rule needs a '{key}' list."));
            }

            return terms;
        }

        if (node is not YamlSequenceNode { Children.Count: > 0 } sequence)
        {
            problems.Add(At(node, $"'{key}' must be a non-empty list of words or phrases."));
            return terms;
        }

        foreach (var termNode in sequence.Children)
        {
            if (termNode is not YamlScalarNode { Value: { } term } || TermMatcher.MatchableForm(term) is null)
            {
                problems.Add(At(termNode, "A term must be a word or phrase with at least one letter or digit."));
            }
            else if (term.Trim('*').Contains('*', StringComparison.Ordinal))
            {
                problems.Add(At(termNode, "'*' is a wildcard only at the start or end of a term."));
            }
            else
            {
                terms.Add(term);
            }
        }

        return terms;
    }

    private static string? Scalar(Dictionary<string, YamlNode> fields, string key, YamlNode rule, List<RuleError> problems, bool required)
    {
        if (!fields.TryGetValue(key, out var node))
        {
            if (required)
            {
                problems.Add(At(rule, $"A rule needs '{key}'."));
            }

            return null;
        }

        if (node is YamlScalarNode { Value: { Length: > 0 } value })
        {
            return value;
        }

        problems.Add(At(node, $"'{key}' must be a non-empty text."));
        return null;
    }

    /// <summary>
    /// Building the node tree recurses once per nesting level, so a hostile file of a few
    /// megabytes of '[' would overflow the stack and kill the process. The event parser keeps
    /// its own stack, so one pass over its events measures the depth safely first.
    /// </summary>
    private static RuleError? FindExcessiveNesting(string content)
    {
        var parser = new Parser(new StringReader(content));
        int depth = 0;
        while (parser.MoveNext())
        {
            switch (parser.Current)
            {
                case SequenceStart or MappingStart when ++depth > MaxNesting:
                    return new RuleError((int)parser.Current.Start.Line, (int)parser.Current.Start.Column, $"Nested deeper than {MaxNesting} levels.");
                case SequenceEnd or MappingEnd:
                    depth--;
                    break;
            }
        }

        return null;
    }

    private static bool TryParseAction(string text, out RuleAction action)
    {
        action = text switch
        {
            "approve" => RuleAction.Approve,
            "flag" => RuleAction.Flag,
            "censor" => RuleAction.Censor,
            "hold" => RuleAction.Hold,
            "reject" => RuleAction.Reject,
            _ => 0,
        };
        return action != 0;
    }

    private static RuleError At(YamlNode node, string message) =>
        new((int)node.Start.Line, (int)node.Start.Column, message);

    private static string VersionOf(string content) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)))[..12];

    [GeneratedRegex("^[a-z0-9._-]{1,64}$")]
    private static partial Regex RuleIdPattern();
}
