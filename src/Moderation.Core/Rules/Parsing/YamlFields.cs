using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Moderation.Core.Rules.Parsing;

/// <summary>
/// The keys of one YAML mapping, read with every problem recorded at its line and column
/// rather than thrown, so a rules file's author sees all problems at once.
/// </summary>
internal sealed partial class YamlFields
{
    private readonly Dictionary<string, YamlNode> _fields = new(StringComparer.Ordinal);
    private readonly YamlNode _owner;
    private readonly List<RuleError> _problems;

    public YamlFields(YamlMappingNode mapping, IReadOnlyCollection<string> knownKeys, string what, List<RuleError> problems)
    {
        _owner = mapping;
        _problems = problems;
        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            string key = (keyNode as YamlScalarNode)?.Value ?? "";
            if (!knownKeys.Contains(key))
            {
                Problem(keyNode, $"Unknown {what} key '{key}'; expected one of: {string.Join(", ", knownKeys)}.");
            }

            _fields[key] = valueNode;
        }
    }

    public bool Has(string key) => _fields.ContainsKey(key);

    public YamlNode? Node(string key) => _fields.GetValueOrDefault(key);

    public void Problem(YamlNode node, string message) => _problems.Add(At(node, message));

    public void Problem(string message) => _problems.Add(At(_owner, message));

    public static RuleError At(YamlNode node, string message) => new((int)node.Start.Line, (int)node.Start.Column, message);

    public string? Text(string key, bool required = false)
    {
        if (!_fields.TryGetValue(key, out var node))
        {
            if (required)
            {
                Problem($"Needs '{key}'.");
            }

            return null;
        }

        if (node is YamlScalarNode { Value: { Length: > 0 } value })
        {
            return value;
        }

        Problem(node, $"'{key}' must be a non-empty text.");
        return null;
    }

    public bool? Flag(string key)
    {
        if (Text(key) is not { } text)
        {
            return null;
        }

        if (bool.TryParse(text, out bool value))
        {
            return value;
        }

        Problem(_fields[key], $"'{key}' must be true or false.");
        return null;
    }

    public double? Number(string key, double min, double max)
    {
        if (Text(key) is not { } text)
        {
            return null;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && value >= min && value <= max)
        {
            return value;
        }

        Problem(_fields[key], $"'{key}' must be a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}.");
        return null;
    }

    public int? Count(string key, int min, int max) => Number(key, min, max) is { } value ? (int)value : null;

    /// <summary>A duration written as 30s, 10m, 24h or 7d.</summary>
    public TimeSpan? Duration(string key)
    {
        if (Text(key) is not { } text)
        {
            return null;
        }

        var match = DurationPattern().Match(text);
        if (match.Success && int.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out int amount) && amount > 0)
        {
            return match.Groups[2].Value switch
            {
                "s" => TimeSpan.FromSeconds(amount),
                "m" => TimeSpan.FromMinutes(amount),
                "h" => TimeSpan.FromHours(amount),
                _ => TimeSpan.FromDays(amount),
            };
        }

        Problem(_fields[key], $"'{key}' must be a duration such as 30s, 10m, 24h or 7d.");
        return null;
    }

    /// <summary>A list of texts; null when absent, an empty list after a problem.</summary>
    public List<(string Value, YamlNode Node)>? List(string key, bool required = false)
    {
        if (!_fields.TryGetValue(key, out var node))
        {
            if (required)
            {
                Problem($"Needs a '{key}' list.");
            }

            return null;
        }

        if (node is not YamlSequenceNode { Children.Count: > 0 } sequence)
        {
            Problem(node, $"'{key}' must be a non-empty list.");
            return [];
        }

        var values = new List<(string, YamlNode)>();
        foreach (var item in sequence.Children)
        {
            if (item is YamlScalarNode { Value: { Length: > 0 } value })
            {
                values.Add((value, item));
            }
            else
            {
                Problem(item, $"Each item of '{key}' must be a non-empty text.");
            }
        }

        return values;
    }

    public YamlFields? Mapping(string key, IReadOnlyCollection<string> knownKeys)
    {
        if (!_fields.TryGetValue(key, out var node))
        {
            return null;
        }

        if (node is YamlMappingNode mapping)
        {
            return new YamlFields(mapping, knownKeys, $"'{key}'", _problems);
        }

        Problem(node, $"'{key}' must be a mapping.");
        return null;
    }

    [GeneratedRegex(@"^(\d{1,6})(s|m|h|d)$")]
    private static partial Regex DurationPattern();
}
