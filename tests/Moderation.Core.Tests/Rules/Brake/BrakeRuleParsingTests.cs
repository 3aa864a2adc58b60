using Moderation.Core.Rules;

namespace Moderation.Core.Tests.Rules.Brake;

/// <summary>What the rules file says about the brake: <c>brake: false</c>, and which rules a reload changed.</summary>
public sealed class BrakeRuleParsingTests
{
    private static RuleDefinition Rule(string yaml, string id, string? directory = null) =>
        RuleSetParser.Parse(yaml, "test", DateTimeOffset.UnixEpoch, directory).Rules.Single(r => r.Id == id);

    [Fact]
    public void Parse_BrakeFalse_ExemptsTheRuleAndTheDefaultIsBraked()
    {
        const string yaml = """
            rules:
              - {id: cards, action: reject, brake: false, contact: [card]}
              - {id: slur, action: reject, terms: [slurword]}
              - {id: quiet, action: approve, terms: [fine]}
              - {id: weighed, action: approve, weight: 2, terms: [meh]}
              - {id: watch, action: hold, shadow: true, terms: [watchword]}
            thresholds: {hold: 2}
            """;

        Assert.False(Rule(yaml, "cards").Brake);
        Assert.False(Rule(yaml, "cards").BrakeApplies);
        Assert.True(Rule(yaml, "slur").BrakeApplies);
        Assert.False(Rule(yaml, "quiet").BrakeApplies);
        Assert.True(Rule(yaml, "weighed").BrakeApplies);
        Assert.False(Rule(yaml, "watch").BrakeApplies);
    }

    [Fact]
    public void ShippedRules_CardNumbers_AreNeverSoftenedByTheBrake()
    {
        var shipped = RuleSetParser.ParseFile(Path.Combine(Moderation.Testing.RepositoryPaths.Root, "rules", "default.yaml"), DateTimeOffset.UnixEpoch);

        Assert.False(shipped.Rules.Single(r => r.Id == "card-numbers").BrakeApplies);
    }

    [Fact]
    public void TryParse_BrakeNotABoolean_IsAnErrorAtItsLine()
    {
        Assert.Null(RuleSetParser.TryParse("rules:\n  - {id: r, action: hold, terms: [x], brake: sometimes}\n", "t", DateTimeOffset.UnixEpoch, out var errors));

        var error = Assert.Single(errors);
        Assert.Equal(2, error.Line);
        Assert.Contains("'brake' must be true or false", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fingerprint_OtherLayoutOrNeighbour_IsTheSameAndAnyChangeOfTheRuleIsNot()
    {
        string before = Rule("rules:\n  - {id: a, action: hold, terms: [x, y]}\n  - {id: b, action: hold, terms: [z]}\n", "a").Fingerprint;

        Assert.Equal(before, Rule("# a comment\nrules:\n  - {id: b, action: reject, terms: [zz]}\n  - id: a\n    terms: [x, y]\n    action: hold\n", "a").Fingerprint);
        Assert.NotEqual(before, Rule("rules:\n  - {id: a, action: hold, terms: [y, x]}\n", "a").Fingerprint);
        Assert.NotEqual(before, Rule("rules:\n  - {id: a, action: reject, terms: [x, y]}\n", "a").Fingerprint);
        Assert.NotEqual(before, Rule("rules:\n  - {id: a, action: hold, terms: [x, y], brake: false}\n", "a").Fingerprint);
    }

    [Fact]
    public void Fingerprint_TermsFileOrSlotChanged_Differs()
    {
        var directory = Directory.CreateTempSubdirectory("rules-fingerprint-");
        try
        {
            const string yaml = """
                slots: {who: [you, him]}
                rules:
                  - {id: listed, action: hold, terms_file: words.txt}
                  - {id: phrase, action: hold, phrases: ["kill {who}"]}
                """;
            File.WriteAllText(Path.Combine(directory.FullName, "words.txt"), "first\n");
            string listed = Rule(yaml, "listed", directory.FullName).Fingerprint;
            string phrase = Rule(yaml, "phrase", directory.FullName).Fingerprint;

            File.WriteAllText(Path.Combine(directory.FullName, "words.txt"), "first\nsecond\n");

            Assert.NotEqual(listed, Rule(yaml, "listed", directory.FullName).Fingerprint);
            Assert.Equal(phrase, Rule(yaml, "phrase", directory.FullName).Fingerprint);
            Assert.NotEqual(phrase, Rule(yaml.Replace("[you, him]", "[you, her]", StringComparison.Ordinal), "phrase", directory.FullName).Fingerprint);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
