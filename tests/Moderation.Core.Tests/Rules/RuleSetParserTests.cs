using System.Text;
using System.Globalization;
using Moderation.Core.Decisions;
using Moderation.Core.Rules;

namespace Moderation.Core.Tests.Rules;

public sealed class RuleSetParserTests
{
    private static IReadOnlyList<RuleError> ErrorsOf(string yaml)
    {
        Assert.Null(RuleSetParser.TryParse(yaml, "test", DateTimeOffset.UnixEpoch, out var errors));
        return errors;
    }

    [Fact]
    public void TryParse_TermOfThreeMillionCharacters_IsRefusedByItsLength()
    {
        var errors = ErrorsOf("rules:\n  - {id: long, action: hold, terms: [" + new string('a', 3_000_000) + "]}\n");

        Assert.Contains("at most 100 characters", Assert.Single(errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_DuplicateIdOfARuleWithAnotherProblem_ReportsBoth()
    {
        var errors = ErrorsOf("rules:\n  - {id: x, action: explode, terms: [a]}\n  - {id: x, action: hold, terms: [b]}\n");

        Assert.Equal(2, errors.Count);
        Assert.Contains(errors, e => e.Message.Contains("Unknown action 'explode'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Message.Contains("Rule id 'x' is used twice", StringComparison.Ordinal) && e.Line == 3);
    }

    [Fact]
    public void TryParse_MoreRulesThanTheBound_IsRefusedOnce()
    {
        var yaml = new StringBuilder("rules:\n");
        for (int i = 0; i <= RuleSetParser.MaxRules; i++)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"  - {{id: r{i}, action: hold, terms: [w{i}]}}\n");
        }

        Assert.Contains("at most 1,000 rules", Assert.Single(ErrorsOf(yaml.ToString())).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_TermFilesPastTheTermBound_IsRefusedOnce()
    {
        var directory = Directory.CreateTempSubdirectory("rules-bounds-");
        try
        {
            File.WriteAllLines(Path.Combine(directory.FullName, "many.txt"), Enumerable.Range(0, 200_001).Select(i => "w" + i.ToString(CultureInfo.InvariantCulture)));

            Assert.Null(RuleSetParser.TryParse("rules:\n  - {id: many, action: hold, terms_file: many.txt}\n", "t", DateTimeOffset.UnixEpoch, out var errors, directory.FullName));
            Assert.Contains("at most 200,000 terms", Assert.Single(errors).Message, StringComparison.Ordinal);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void TryParse_PhraseLongerThanTheBound_IsRefused()
    {
        var errors = ErrorsOf("rules:\n  - {id: p, action: hold, phrases: ['" + string.Join(' ', Enumerable.Repeat("word", 120)) + "']}\n");

        Assert.Contains("at most 500 characters", Assert.Single(errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ValidFile_ReadsEveryField()
    {
        var rule = TestRules.Parse().Rules.Single(r => r.Id == "censor");

        Assert.Equal(RuleAction.Censor, rule.Action);
        Assert.Equal("mild", rule.Category);
        Assert.Equal(0.5, rule.Weight);
        Assert.Equal(["darn"], rule.Terms);
    }

    [Fact]
    public void Parse_ShippedDefaultRules_AreValid()
    {
        string path = Path.Combine(Moderation.Testing.RepositoryPaths.Root, "rules", "default.yaml");

        var rules = RuleSetParser.ParseFile(path, DateTimeOffset.UnixEpoch);

        Assert.Contains(rules.Rules, r => r.Action == RuleAction.Reject);
        Assert.Contains(rules.Rules, r => r.Action == RuleAction.Hold);
    }

    [Fact]
    public void TryParse_UnknownAction_ReportsLineAndColumn()
    {
        var error = Assert.Single(ErrorsOf("rules:\n  - id: a\n    action: delete\n    terms: [x]\n"));

        Assert.Equal(3, error.Line);
        Assert.Equal(13, error.Column);
        Assert.Contains("delete", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_SyntaxError_ReportsWhere()
    {
        var error = Assert.Single(ErrorsOf("rules:\n  - id: a\n    terms: [x\n"));

        Assert.True(error.Line >= 3);
    }

    [Fact]
    public void TryParse_SeveralProblems_ReportsEveryOne()
    {
        var errors = ErrorsOf("""
            rules:
              - id: Bad Id
                action: reject
                terms: [x]
              - id: ok
                action: hold
                colour: red
                terms: []
              - id: ok
                action: hold
                terms: ["!!"]
            """);

        Assert.Contains(errors, e => e.Line == 2 && e.Message.Contains("rule id", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Line == 7 && e.Message.Contains("colour", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Line == 8 && e.Message.Contains("terms", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Line == 11 && e.Message.Contains("letter or digit", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(65)]
    [InlineData(200_000)]
    public void TryParse_DeeplyNestedDocument_IsRefusedWithoutCrashing(int depth)
    {
        string yaml = "rules: " + new string('[', depth) + new string(']', depth) + "\n";

        var error = Assert.Single(ErrorsOf(yaml));

        Assert.Contains("Nested deeper than 64", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_DeeplyNestedBlockMappings_IsRefusedWithoutCrashing()
    {
        var yaml = new System.Text.StringBuilder("rules:\n");
        for (int level = 0; level < 2_000; level++)
        {
            yaml.Append(' ', level + 1).Append("k:\n");
        }

        Assert.Contains(ErrorsOf(yaml.ToString()), e => e.Message.Contains("Nested deeper", StringComparison.Ordinal));
    }

    [Fact]
    public void TryParse_DuplicateIds_AreRefused()
    {
        var error = Assert.Single(ErrorsOf("rules:\n  - {id: a, action: hold, terms: [x]}\n  - {id: a, action: hold, terms: [y]}\n"));

        Assert.Contains("twice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_NoRulesList_IsRefused()
    {
        Assert.NotEmpty(ErrorsOf("version: 1\n"));
        Assert.NotEmpty(ErrorsOf("- just a list\n"));
    }

    [Fact]
    public void Parse_InvalidFile_ThrowsWithEveryError()
    {
        var ex = Assert.Throws<InvalidRulesException>(() => RuleSetParser.Parse("rules:\n  - id: a\n", "file.yaml", DateTimeOffset.UnixEpoch));

        Assert.Contains("file.yaml", ex.Message, StringComparison.Ordinal);
        Assert.Equal(2, ex.Errors.Count);
    }
}
