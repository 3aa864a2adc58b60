using System.Security.Cryptography;
using System.Text;
using YamlDotNet.RepresentationModel;

namespace Moderation.Core.Rules.Parsing;

/// <summary>
/// A short hash of what one rule was read from: its YAML values (not their layout, comments or
/// key order) and the term files and slots it uses. A reload compares fingerprints to tell a
/// changed rule from one that only moved, or whose neighbours changed.
/// </summary>
internal static class RuleFingerprint
{
    public static string Of(YamlMappingNode rule, string readBesides)
    {
        var canonical = new StringBuilder();
        Append(rule, canonical);
        canonical.Append('\0').Append(readBesides);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString())))[..16];
    }

    // Lengths before values, so no two different trees write the same text. The parser has
    // already refused files nested deeper than it allows, so the recursion is bounded.
    private static void Append(YamlNode node, StringBuilder into)
    {
        switch (node)
        {
            case YamlScalarNode scalar:
                string text = scalar.Value ?? "";
                into.Append('s').Append(text.Length).Append(':').Append(text);
                break;
            case YamlSequenceNode sequence:
                into.Append('[').Append(sequence.Children.Count);
                foreach (var child in sequence.Children)
                {
                    Append(child, into);
                }

                into.Append(']');
                break;
            case YamlMappingNode mapping:
                into.Append('{').Append(mapping.Children.Count);
                foreach (var (key, value) in mapping.Children.OrderBy(pair => (pair.Key as YamlScalarNode)?.Value, StringComparer.Ordinal))
                {
                    Append(key, into);
                    Append(value, into);
                }

                into.Append('}');
                break;
            default:
                into.Append('?');
                break;
        }
    }
}
