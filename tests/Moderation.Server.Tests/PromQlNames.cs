using System.Text.RegularExpressions;

namespace Moderation.Server.Tests;

/// <summary>
/// The series and label names a PromQL expression reads. Not a parser: enough of the grammar
/// for the dashboard's expressions (selectors, ranges, functions, by/without), so that a
/// renamed series or label shows up as a test failure instead of an empty panel.
/// </summary>
internal static partial class PromQlNames
{
    private static readonly HashSet<string> Keywords = ["by", "without", "on", "ignoring", "group_left", "group_right", "bool", "offset", "and", "or", "unless"];

    /// <summary>Every metric name a selector in <paramref name="expr"/> names, exactly as written (a histogram's _bucket included).</summary>
    public static IReadOnlySet<string> Metrics(string expr)
    {
        // Braces go first: label matchers hold regexes and values that look like names.
        string bare = Grouping().Replace(Range().Replace(Matchers().Replace(expr, " "), " "), " ");
        return Identifier().Matches(bare)
            .Where(m => !bare[(m.Index + m.Length)..].TrimStart().StartsWith('(') && !Keywords.Contains(m.Value))
            .Select(m => m.Value)
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Every label named in a matcher, a by/without/on/ignoring list, or a legend's {{label}}.</summary>
    public static IReadOnlySet<string> Labels(string expr, string? legendFormat)
    {
        var labels = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match selector in Matchers().Matches(expr))
        {
            labels.UnionWith(Matcher().Matches(selector.Value).Select(m => m.Groups[1].Value));
        }

        foreach (Match grouping in Grouping().Matches(expr))
        {
            labels.UnionWith(grouping.Groups[1].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
        }

        labels.UnionWith(Legend().Matches(legendFormat ?? "").Select(m => m.Groups[1].Value));
        return labels;
    }

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Matchers();

    [GeneratedRegex(@"([A-Za-z_][A-Za-z0-9_]*)\s*(?:=~|!~|!=|=)\s*""")]
    private static partial Regex Matcher();

    [GeneratedRegex(@"\[[^\]]*\]")]
    private static partial Regex Range();

    [GeneratedRegex(@"\b(?:by|without|on|ignoring|group_left|group_right)\s*\(([^)]*)\)")]
    private static partial Regex Grouping();

    // Not preceded by a digit or a dot, so the 99 of 0.99 is not a name.
    [GeneratedRegex(@"(?<![\w.$])[A-Za-z_:][A-Za-z0-9_:]*")]
    private static partial Regex Identifier();

    [GeneratedRegex(@"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")]
    private static partial Regex Legend();
}
