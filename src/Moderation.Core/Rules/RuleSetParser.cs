using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Moderation.Core.Rules.Parsing;
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
    /// <summary>Far deeper than any rules file needs (they nest five levels).</summary>
    private const int MaxNesting = 64;

    /// <summary>The most rules a file may hold.</summary>
    public const int MaxRules = 1_000;

    /// <summary>
    /// Parses and validates rules; errors is empty exactly when the result is not null.
    /// <paramref name="baseDirectory"/> is where <c>terms_file</c> paths lead; without one they are refused.
    /// </summary>
    public static RuleSet? TryParse(string content, string source, DateTimeOffset loadedAt, out IReadOnlyList<RuleError> errors, string? baseDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        var problems = new List<RuleError>();
        var versionInput = new StringBuilder(content);
        var (rules, thresholds, builtInReasons) = ReadDocument(content, new RuleReader(baseDirectory, problems, versionInput), problems);
        errors = problems;
        return problems.Count == 0 ? new RuleSet(rules, VersionOf(versionInput.ToString()), source, loadedAt, thresholds, builtInReasons) : null;
    }

    /// <summary>Parses and validates rules, throwing <see cref="InvalidRulesException"/> with every problem.</summary>
    public static RuleSet Parse(string content, string source, DateTimeOffset loadedAt, string? baseDirectory = null) =>
        TryParse(content, source, loadedAt, out var errors, baseDirectory) ?? throw new InvalidRulesException(source, errors);

    /// <summary>Reads and parses a rules file; its <c>terms_file</c> paths are relative to its folder.</summary>
    public static RuleSet ParseFile(string path, DateTimeOffset loadedAt) =>
        Parse(File.ReadAllText(path, Encoding.UTF8), path, loadedAt, Path.GetDirectoryName(Path.GetFullPath(path)));

    private static (List<RuleDefinition> Rules, ScoreThresholds Thresholds, BuiltInReasons BuiltInReasons) ReadDocument(string content, RuleReader reader, List<RuleError> problems)
    {
        var rules = new List<RuleDefinition>();
        var stream = new YamlStream();
        try
        {
            if (FindExcessiveNesting(content) is { } tooDeep)
            {
                problems.Add(tooDeep);
                return (rules, ScoreThresholds.None, BuiltInReasons.Default);
            }

            stream.Load(new StringReader(content));
        }
        catch (YamlException ex)
        {
            problems.Add(new RuleError((int)ex.Start.Line, (int)ex.Start.Column, ex.InnerException?.Message ?? ex.Message));
            return (rules, ScoreThresholds.None, BuiltInReasons.Default);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            problems.Add(new RuleError(0, 0, "The file must be a mapping with a 'rules' list."));
            return (rules, ScoreThresholds.None, BuiltInReasons.Default);
        }

        var document = new YamlFields(root, ["version", "thresholds", "slots", "built_in_reasons", "rules"], "top-level", problems);
        var builtInReasons = ReadBuiltInReasons(document);
        if (document.Text("version") is { } version && version != "1")
        {
            document.Problem(document.Node("version")!, "Only version 1 is supported.");
        }

        var thresholds = ScoreThresholds.None;
        if (document.Mapping("thresholds", ["hold", "reject"]) is { } scores)
        {
            thresholds = new ScoreThresholds(scores.Number("hold", 0.001, 1_000_000), scores.Number("reject", 0.001, 1_000_000));
            if (thresholds is { Hold: { } hold, Reject: { } reject } && hold >= reject)
            {
                scores.Problem("The hold threshold must be below the reject threshold.");
            }
        }

        reader.Slots = ReadSlots(document, problems);
        if (document.Node("rules") is not YamlSequenceNode ruleNodes)
        {
            if (document.Node("rules") is { } notAList)
            {
                document.Problem(notAList, "'rules' must be a list.");
            }
            else if (problems.Count == 0)
            {
                problems.Add(new RuleError(0, 0, "The file has no 'rules' list."));
            }

            return (rules, thresholds, builtInReasons);
        }

        if (ruleNodes.Children.Count > MaxRules)
        {
            document.Problem(ruleNodes, $"A rules file holds at most {MaxRules:N0} rules (this one has {ruleNodes.Children.Count:N0}).");
            return (rules, thresholds, builtInReasons);
        }

        var seenIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var ruleNode in ruleNodes.Children)
        {
            // The id is taken from the node, not from the rule read from it: a rule with another
            // problem is not read, and its id's second use would otherwise show only once it is mended.
            if (IdOf(ruleNode) is { } id && !seenIds.Add(id))
            {
                problems.Add(YamlFields.At(ruleNode, $"Rule id '{id}' is used twice."));
            }

            if (reader.Read(ruleNode) is { } rule)
            {
                rules.Add(rule);
            }
        }

        return (rules, thresholds, builtInReasons);
    }

    private static string? IdOf(YamlNode ruleNode) =>
        ruleNode is YamlMappingNode mapping && mapping.Children.TryGetValue(new YamlScalarNode("id"), out var id) && id is YamlScalarNode { Value: { Length: > 0 } text }
            ? text
            : null;

    private static readonly string[] MessageKeys = ["author_message", "moderator_message"];

    /// <summary>The file's own messages for the reasons the service adds (score-threshold, author-banned, ...).</summary>
    private static BuiltInReasons ReadBuiltInReasons(YamlFields document)
    {
        if (document.Mapping("built_in_reasons", BuiltInReasons.Ids) is not { } reasons)
        {
            return BuiltInReasons.Default;
        }

        var messages = new Dictionary<string, (string?, string?)>(StringComparer.Ordinal);
        foreach (string id in BuiltInReasons.Ids.Where(reasons.Has))
        {
            if (reasons.Mapping(id, MessageKeys) is { } reason)
            {
                messages[id] = (reason.Text("author_message"), reason.Text("moderator_message"));
            }
        }

        return new BuiltInReasons(messages);
    }

    /// <summary>The named phrase lists that phrase rules refer to as <c>{name}</c>.</summary>
    private static Dictionary<string, IReadOnlyList<string>> ReadSlots(YamlFields document, List<RuleError> problems)
    {
        var slots = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (document.Node("slots") is not { } node)
        {
            return slots;
        }

        if (node is not YamlMappingNode mapping)
        {
            document.Problem(node, "'slots' must be a mapping of names to lists of words or phrases.");
            return slots;
        }

        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            string name = (keyNode as YamlScalarNode)?.Value ?? "";
            if (!SlotNamePattern().IsMatch(name))
            {
                problems.Add(YamlFields.At(keyNode, $"A slot name is 1 to 32 of a-z, 0-9 and '_'; '{name}' is not."));
                continue;
            }

            var phrases = (valueNode as YamlSequenceNode)?.Children.OfType<YamlScalarNode>().Select(n => n.Value ?? "").Where(v => v.Length > 0).ToList();
            if (phrases is null || phrases.Count == 0 || phrases.Count != ((YamlSequenceNode)valueNode).Children.Count)
            {
                problems.Add(YamlFields.At(valueNode, $"Slot '{name}' must be a non-empty list of words or phrases."));
                continue;
            }

            slots[name] = phrases;
        }

        return slots;
    }

    [GeneratedRegex("^[a-z0-9_]{1,32}$")]
    private static partial Regex SlotNamePattern();

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

    /// <summary>A short hash of everything the rules were read from: the file and its term files.</summary>
    private static string VersionOf(string content) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)))[..12];
}
