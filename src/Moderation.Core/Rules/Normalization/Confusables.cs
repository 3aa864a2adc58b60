using System.Globalization;
using System.Reflection;

namespace Moderation.Core.Rules.Normalization;

/// <summary>
/// Characters drawn like Latin letters (Cyrillic 'р' for 'p', Greek 'α' for 'a', ...), from
/// Unicode's UTS #39 confusables data (see tools/confusables), plus the enclosed letters that
/// have no compatibility decomposition.
/// </summary>
internal static class Confusables
{
    private static readonly Dictionary<int, char> Table = Load();

    /// <summary>The Latin letter <paramref name="codePoint"/> is drawn like, or '\0'.</summary>
    public static char LatinLetterFor(int codePoint)
    {
        // Negative circled, negative squared and regional-indicator letters lie in A-to-Z runs
        // and NFKD leaves them alone.
        if (codePoint is >= 0x1F150 and <= 0x1F169)
        {
            return (char)('a' + (codePoint - 0x1F150));
        }

        if (codePoint is >= 0x1F170 and <= 0x1F189)
        {
            return (char)('a' + (codePoint - 0x1F170));
        }

        if (codePoint is >= 0x1F1E6 and <= 0x1F1FF)
        {
            return (char)('a' + (codePoint - 0x1F1E6));
        }

        return Table.GetValueOrDefault(codePoint);
    }

    private static Dictionary<int, char> Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Moderation.Core.Rules.Normalization.confusables.tsv")
            ?? throw new InvalidOperationException("The confusables table is not embedded in Moderation.Core.");
        using var reader = new StreamReader(stream);
        var table = new Dictionary<int, char>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            int tab = line.IndexOf('\t', StringComparison.Ordinal);
            table[int.Parse(line.AsSpan(0, tab), NumberStyles.HexNumber, CultureInfo.InvariantCulture)] = line[tab + 1];
        }

        return table;
    }
}
