using System.Text;

namespace Moderation.Benchmarks;

/// <summary>Deterministic inputs: synthetic term lists of any size and realistic comments.</summary>
internal static class Corpus
{
    /// <summary>A 300-character comment from a heated news thread, with nothing to catch.</summary>
    public const string CleanComment =
        "The casualty figures in this report are shocking, but the article explains clearly how they were counted. " +
        "I would like to know more about the sources for the regional numbers, and whether the ministry will publish " +
        "its own data next month. Thanks to the reporters who went there.";

    /// <summary>A 300-character comment with several evasions for the matcher to undo.</summary>
    public const string EvasiveComment =
        "The casualty figures in this report are shocking, but the f.u.c.k.i.n.g ministry lies, раураl me and " +
        "I will tell you more. Whoever wrote this is an idiot and a fuuuuucking sh1t journalist, " +
        "see bit.ly/3abcde for the truth or mail jane at gmail dot com. Thanks to the reporters who went there.";

    /// <summary>Pronounceable words that do not occur in the comments, so the lists add cost but no hits.</summary>
    public static List<string> Terms(int count, int seed = 42)
    {
        var inComments = (CleanComment + " " + EvasiveComment).ToLowerInvariant()
            .Split([' ', ',', '.', ':', '/', '@'], StringSplitOptions.RemoveEmptyEntries)
            .ToHashSet(StringComparer.Ordinal);
        var random = new Random(seed);
        const string consonants = "bcdfghjklmnpqrstvwxz";
        const string vowels = "aeiouy";
        var terms = new HashSet<string>(StringComparer.Ordinal);
        while (terms.Count < count)
        {
            var word = new StringBuilder();
            int syllables = random.Next(2, 5);
            for (int s = 0; s < syllables; s++)
            {
                word.Append(consonants[random.Next(consonants.Length)]).Append(vowels[random.Next(vowels.Length)]);
            }

            if (!inComments.Contains(word.ToString()))
            {
                terms.Add(word.ToString());
            }
        }

        return [.. terms];
    }

    /// <summary>The shipped rules folder copied beside the binary, where their term lists are found.</summary>
    public static string RulesDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "rules");

    /// <summary>The shipped default rules plus one hold rule with the given terms.</summary>
    public static string RulesWithTerms(IReadOnlyCollection<string> terms)
    {
        string defaults = File.ReadAllText(Path.Combine(RulesDirectory, "default.yaml"));
        return defaults + "\n  - id: synthetic-list\n    action: hold\n    terms: [" + string.Join(", ", terms) + "]\n";
    }
}
