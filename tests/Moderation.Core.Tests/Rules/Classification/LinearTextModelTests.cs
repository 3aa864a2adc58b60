using Moderation.Core.Comments;
using Moderation.Core.Decisions;
using Moderation.Core.Rules;
using Moderation.Core.Rules.Classification;

namespace Moderation.Core.Tests.Rules.Classification;

/// <summary>
/// The linear model of abusive comments: the shipped model scores as its trainer did, a model
/// file is read strictly, and a model rule holds with the words that weighed most as spans.
/// </summary>
public sealed class LinearTextModelTests
{
    private static readonly string ShippedModel = Path.Combine(Moderation.Testing.RepositoryPaths.Root, "rules", "models", "abuse.model");

    [Fact]
    public void Score_ShippedModel_GivesTheTrainersScoresForItsSamples()
    {
        var problems = new List<string>();
        var model = LinearTextModel.Parse(File.ReadAllText(ShippedModel), problems);

        Assert.Empty(problems);
        Assert.NotNull(model);
        Assert.True(model.Samples.Count >= 5, "The trainer writes its sample texts with their scores.");
        foreach (var (text, expected) in model.Samples)
        {
            Assert.Equal(expected, model.Score(text), tolerance: 1e-4);
        }
    }

    [Fact]
    public void Parse_MalformedLines_ReportsEachWithItsLine()
    {
        var problems = new List<string>();

        var model = LinearTextModel.Parse("buckets 8\nbias high\nw 9 0.5\nweights 1 2\n", problems);

        Assert.Null(model);
        Assert.Contains(problems, p => p.StartsWith("line 2:", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("line 3:", StringComparison.Ordinal) && p.Contains("not below 8", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("line 4:", StringComparison.Ordinal));
    }

    [Fact]
    public void Score_OneBucket_CountsItOnceAndGivesItToTheFirstWord()
    {
        // Every feature lands in bucket 0, so the text has one distinct feature whatever its length.
        var model = LinearTextModel.Parse("buckets 1\nbias -1\nw 0 2\n", [])!;
        var spans = new List<(int Start, int End)>();

        double score = model.Score("hi there, friend", spans);

        Assert.Equal(1 / (1 + Math.Exp(-1)), score, 6);
        Assert.Equal([(0, 2)], spans);
        Assert.Equal(1 / (1 + Math.Exp(1)), model.Score("..."), 6);
    }

    [Fact]
    public void Score_BelowTheSpanThreshold_GivesNoSpans()
    {
        var model = LinearTextModel.Parse("buckets 1\nbias -1\nw 0 2\n", [])!;
        var spans = new List<(int Start, int End)>();

        model.Score("hi there", spans, spansFrom: 0.9);

        Assert.Empty(spans);
    }

    [Fact]
    public void Evaluate_ModelRuleScoringHigh_HoldsWithTheWeightiestWordAsSpan()
    {
        const string yaml = "rules:\n  - {id: abuse-model, action: hold, weight: 3, model: {file: tiny.model, threshold: 0.9}}\n";

        var decision = InRulesFolder(folder => RuleSetParser.Parse(yaml, "t", DateTimeOffset.UnixEpoch, folder))
            .Evaluate("  whatever it says");

        Assert.Equal(Verdict.PendingReview, decision.Verdict);
        var reason = Assert.Single(decision.Reasons);
        Assert.Equal("abuse-model", reason.RuleId);
        Assert.Equal([new TextSpan(2, 10)], reason.Spans);
    }

    [Theory]
    [InlineData("a badword here", new[] { "listed" })]
    [InlineData("a flagword here", new[] { "flagged", "abuse-model" })]
    [InlineData("nothing listed here", new[] { "abuse-model" })]
    public void Evaluate_AnotherRuleHoldsTheComment_LeavesTheModelOut(string text, string[] reasons)
    {
        const string yaml = """
            thresholds: { hold: 3, reject: 5 }
            rules:
              - {id: listed, action: hold, weight: 3, terms: [badword]}
              - {id: flagged, action: flag, weight: 1, terms: [flagword]}
              - {id: abuse-model, action: hold, weight: 3, model: {file: tiny.model, threshold: 0.9}}
            """;

        var decision = InRulesFolder(folder => RuleSetParser.Parse(yaml, "t", DateTimeOffset.UnixEpoch, folder)).Evaluate(text);

        Assert.Equal(reasons, decision.Reasons.Select(r => r.RuleId));
        Assert.Equal(Verdict.PendingReview, decision.Verdict);
    }

    [Theory]
    [InlineData(AuthorStatus.Normal, "listed", Verdict.PendingReview, new[] { "listed", "abuse-model" })]
    [InlineData(AuthorStatus.Trusted, null, Verdict.Approved, new[] { "listed", "abuse-model" })]
    public void Evaluate_TheOnlyHoldingRuleTakesNoEffect_LetsTheModelJudge(AuthorStatus author, string? demoted, Verdict verdict, string[] reasons)
    {
        const string yaml = """
            rules:
              - {id: listed, action: hold, weight: 3, terms: [badword]}
              - {id: abuse-model, action: hold, weight: 3, model: {file: tiny.model, threshold: 0.9}}
            """;
        var context = new EvaluationContext(DateTimeOffset.UnixEpoch, AuthorStatus: author, DemotedRules: demoted is null ? null : new HashSet<string> { demoted });

        var decision = InRulesFolder(folder => RuleSetParser.Parse(yaml, "t", DateTimeOffset.UnixEpoch, folder)).Evaluate("a badword here", context);

        Assert.Equal(reasons, decision.Reasons.Select(r => r.RuleId));
        Assert.Equal(verdict, decision.Verdict);
        Assert.True(decision.Reasons[0].Shadow, "The rule that takes no effect is reported as skipped.");
    }

    [Theory]
    [InlineData("file: ../outside.model, threshold: 0.9", "inside the rules file's folder")]
    [InlineData("file: missing.model, threshold: 0.9", "does not exist")]
    [InlineData("file: tiny.model", "threshold")]
    [InlineData("file: tiny.model, threshold: 0.2", "threshold")]
    [InlineData("file: drifted.model, threshold: 0.9", "in its trainer")]
    public void Parse_ModelRuleThatCannotScoreAsTrained_IsRefused(string model, string reason)
    {
        string yaml = $"rules:\n  - {{id: m, action: hold, model: {{{model}}}}}\n";

        var errors = InRulesFolder(folder =>
        {
            Assert.Null(RuleSetParser.TryParse(yaml, "t", DateTimeOffset.UnixEpoch, out var found, folder));
            return found;
        });

        Assert.Contains(errors, e => e.Message.Contains(reason, StringComparison.Ordinal));
    }

    /// <summary>
    /// Runs <paramref name="test"/> on a temporary rules folder holding <c>tiny.model</c> (every
    /// feature in one bucket of weight 3, so any text scores 0.95) and <c>drifted.model</c> (the
    /// same, with a sample its trainer scored 0.5).
    /// </summary>
    private static T InRulesFolder<T>(Func<string, T> test)
    {
        var directory = Directory.CreateTempSubdirectory("rules-");
        try
        {
            File.WriteAllText(Path.Combine(directory.FullName, "tiny.model"), "buckets 1\nbias 0\nw 0 3\n");
            File.WriteAllText(Path.Combine(directory.FullName, "drifted.model"), "buckets 1\nbias 0\nw 0 3\nsample 0.5 anything\n");
            return test(directory.FullName);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
