using Moderation.Core.Comments;
using Moderation.Core.Decisions;
using Moderation.Core.Rules;
using Moderation.Testing;

namespace Moderation.Core.Tests.Rules;

/// <summary>Conditions, score thresholds and term files.</summary>
public sealed class RuleSetOptionsTests
{
    private static readonly DateTimeOffset Now = TestComments.Epoch;

    private static RuleSet Parse(string yaml, string? directory = null) => RuleSetParser.Parse(yaml, "t", Now, directory);

    [Fact]
    public void When_AccountAgeBelow_AppliesOnlyToYoungAccounts()
    {
        var rules = Parse("rules:\n  - {id: new-links, action: hold, links: {any: true}, when: {account_age_below: 24h}}\n");
        const string text = "see example.com";

        Assert.Equal(Verdict.PendingReview, rules.Evaluate(text, new EvaluationContext(Now, Now.AddHours(-2))).Verdict);
        Assert.Equal(Verdict.Approved, rules.Evaluate(text, new EvaluationContext(Now, Now.AddDays(-30))).Verdict);
        Assert.Equal(Verdict.Approved, rules.Evaluate(text, new EvaluationContext(Now)).Verdict);
    }

    [Fact]
    public void When_ReplyAndArticleAndAuthorConditions_AreAllRequired()
    {
        var rules = Parse("""
            rules:
              - id: strict
                action: hold
                terms: [stupid]
                when: {reply: true, author_status: [normal], article_mode: [premoderated], approved_count_below: 3, article_age_above: 7d}
            """);
        var matching = new EvaluationContext(Now, IsReply: true, ArticleMode: ArticleMode.Premoderated, ApprovedCount: 1, ArticlePublishedAt: Now.AddDays(-8));

        Assert.Single(rules.Evaluate("so stupid", matching).Reasons);
        Assert.Empty(rules.Evaluate("so stupid", matching with { IsReply = false }).Reasons);
        Assert.Empty(rules.Evaluate("so stupid", matching with { AuthorStatus = AuthorStatus.Trusted }).Reasons);
        Assert.Empty(rules.Evaluate("so stupid", matching with { ArticleMode = ArticleMode.Open }).Reasons);
        Assert.Empty(rules.Evaluate("so stupid", matching with { ApprovedCount = 3 }).Reasons);
        Assert.Empty(rules.Evaluate("so stupid", matching with { ArticlePublishedAt = Now.AddDays(-1) }).Reasons);
    }

    [Fact]
    public void When_RejectedRatioAbove_NeedsHistory()
    {
        var rules = Parse("rules:\n  - {id: r, action: hold, terms: [hi], when: {rejected_ratio_above: 0.5}}\n");

        Assert.Single(rules.Evaluate("hi", new EvaluationContext(Now, ApprovedCount: 1, RejectedCount: 3)).Reasons);
        Assert.Empty(rules.Evaluate("hi", new EvaluationContext(Now, ApprovedCount: 3, RejectedCount: 1)).Reasons);
        Assert.Empty(rules.Evaluate("hi", new EvaluationContext(Now)).Reasons);
    }

    [Fact]
    public void Thresholds_SeveralWeakSignals_HoldWhatNoneWouldAlone()
    {
        var rules = Parse("""
            thresholds: {hold: 2, reject: 4}
            rules:
              - {id: caps, action: flag, weight: 1, spam: {caps_ratio: 0.8, min_letters: 5}}
              - {id: link, action: flag, weight: 1, links: {any: true}}
              - {id: insult, action: flag, weight: 2.5, terms: [idiot]}
            """);

        Assert.Equal(Verdict.Approved, rules.Evaluate("LOOK AT THIS").Verdict);
        var held = rules.Evaluate("LOOK AT THIS GREAT NEWS SITE NOW: https://EXAMPLE.COM");
        Assert.Equal(Verdict.PendingReview, held.Verdict);
        Assert.Equal(2, held.Score);
        var threshold = held.Reasons.Single(r => r.RuleId == "score-threshold");
        Assert.Equal(RuleAction.Hold, threshold.Action);
        Assert.Contains("hold threshold 2", threshold.ModeratorMessage, StringComparison.Ordinal);
        Assert.Equal(Verdict.Rejected, rules.Evaluate("IDIOT!! VISIT HTTPS://EXAMPLE.COM NOW").Verdict);
    }

    [Fact]
    public void TermsFile_BesideTheRules_IsReadAndVersioned()
    {
        var directory = Directory.CreateTempSubdirectory("rules-");
        try
        {
            Directory.CreateDirectory(Path.Combine(directory.FullName, "lists"));
            string list = Path.Combine(directory.FullName, "lists", "words.txt");
            File.WriteAllText(list, "# one term a line\n\nbadword\n  other phrase  \n");
            const string yaml = "rules:\n  - {id: listed, action: hold, terms: [inline], terms_file: lists/words.txt}\n";

            var rules = Parse(yaml, directory.FullName);
            File.AppendAllText(list, "third\n");
            var changed = Parse(yaml, directory.FullName);

            Assert.Equal(["inline", "badword", "other phrase"], rules.Rules.Single().Terms);
            Assert.Equal(Verdict.PendingReview, rules.Evaluate("an other, phrase here").Verdict);
            Assert.NotEqual(rules.Version, changed.Version);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("../outside.txt", "inside the rules file's folder")]
    [InlineData("/etc/passwd", "inside the rules file's folder")]
    [InlineData("missing.txt", "does not exist")]
    public void TermsFile_OutsideTheFolderOrMissing_IsRefused(string path, string reason)
    {
        var directory = Directory.CreateTempSubdirectory("rules-");
        try
        {
            string yaml = $"rules:\n  - {{id: listed, action: hold, terms_file: '{path}'}}\n";

            Assert.Null(RuleSetParser.TryParse(yaml, "t", Now, out var errors, directory.FullName));
            Assert.Contains(errors, e => e.Message.Contains(reason, StringComparison.Ordinal));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void TermsFile_WithoutARulesFileOnDisk_IsRefused()
    {
        Assert.Null(RuleSetParser.TryParse("rules:\n  - {id: l, action: hold, terms_file: x.txt}\n", "t", Now, out var errors));
        Assert.Contains(errors, e => e.Message.Contains("rules file on disk", StringComparison.Ordinal));
    }
}
