using Microsoft.Extensions.Time.Testing;
using Moderation.Core.Comments;
using Moderation.Core.Decisions;
using Moderation.Core.Errors;
using Moderation.Core.Rules;
using Moderation.Core.Rules.Backtest;
using Moderation.Core.Tests.Rules;
using Moderation.Core.Workflow;
using Moderation.Testing;

namespace Moderation.Core.Tests.Backtest;

/// <summary>Backtests over the in-memory store, with comments decided by the test rules, on a fake clock.</summary>
public sealed class RuleBacktestServiceTests
{
    private const string WithZebra = TestRules.Yaml + """

          - id: zebra
            action: hold
            terms: [zebra]
        """;

    private static readonly RuleSet Rules = TestRules.Parse();
    private readonly FakeTimeProvider _time = new(TestComments.Epoch);
    private readonly InMemoryCommentStore _store = new();

    private RuleBacktestService Service => new(
        new RuleSetService(new FixedRuleSetProvider(Rules), new CommentValidator(new InputLimitOptions(), _time), _time, Brake(_time)), _store, _time);

    private static Moderation.Core.Rules.Brake.RuleBrake Brake(TimeProvider time) =>
        new(new FixedRuleSetProvider(Rules), new Moderation.Core.Rules.Brake.RuleBrakeOptions { Enabled = false }, time, Microsoft.Extensions.Logging.Abstractions.NullLogger<Moderation.Core.Rules.Brake.RuleBrake>.Instance);

    private async Task SubmitAsync(string id, string text, AuthorStatus status = AuthorStatus.Normal)
    {
        var now = _time.GetUtcNow();
        var decision = WorkflowPolicy.Apply(Rules.Evaluate(text), AuthorRecord.New("author-1") with { Status = status }, ArticleSettings.Open("article-1"), now, BuiltInReasons.Default);
        await TestWorkflow.Over(_store, _time).AddAsync(new Comment(TestComments.Submission(id, text), decision, Comment.StateFor(decision.Verdict), 1, now, now), default);
        _time.Advance(TimeSpan.FromSeconds(1));
    }

    private static Task NoProgress(BacktestProgress progress) => Task.CompletedTask;

    [Fact]
    public async Task Run_CandidateAddsATerm_ReportsExactlyTheCommentsThatContainIt()
    {
        for (int i = 0; i < 12; i++)
        {
            await SubmitAsync($"c-{i}", i % 4 == 0 ? $"I saw a zebra, number {i}" : $"A calm remark, number {i}");
        }

        await SubmitAsync("rejected", "a zebra, fuck");

        var summary = await Service.RunAsync(new BacktestRequest(WithZebra), NoProgress, default);

        Assert.Equal((13, 3, true), (summary.Scanned, summary.Changed, summary.Complete));
        Assert.Equal([new VerdictChange(Verdict.Approved, Verdict.PendingReview, 3)], summary.Directions);
        Assert.Equal([new RuleMatchChange("zebra", 4, 0)], summary.Rules);
        Assert.Equal(["c-8", "c-4", "c-0"], summary.Samples.Select(s => s.Comment.Id));
        Assert.All(summary.Samples, s => Assert.Equal((Verdict.Approved, Verdict.PendingReview), (s.Before, s.After.Verdict)));
        Assert.Equal(new TextSpan(8, 13), summary.Samples[0].After.Reasons.Single(r => r.RuleId == "zebra").Spans.Single());
        Assert.Equal(RuleSetParser.Parse(WithZebra, "x", TestComments.Epoch).Version, summary.CandidateVersion);
    }

    [Fact]
    public async Task Run_Window_ReplaysOnlyTheCommentsCreatedInIt()
    {
        await SubmitAsync("old", "an old zebra");
        _time.Advance(TimeSpan.FromHours(3));
        await SubmitAsync("recent", "a recent zebra");

        var summary = await Service.RunAsync(new BacktestRequest(WithZebra, Window: TimeSpan.FromHours(2)), NoProgress, default);

        Assert.Equal(["recent"], summary.Samples.Select(s => s.Comment.Id));
        Assert.Equal(1, summary.Scanned);
        Assert.Equal(_time.GetUtcNow() - TimeSpan.FromHours(2), summary.Since);
    }

    [Fact]
    public async Task Run_MaxComments_StopsAtTheNewestAndSaysTheWindowIsIncomplete()
    {
        for (int i = 0; i < 5; i++)
        {
            await SubmitAsync($"c-{i}", "a zebra");
        }

        var summary = await Service.RunAsync(new BacktestRequest(WithZebra, MaxComments: 3, SampleSize: 2), NoProgress, default);

        Assert.Equal((3, 3, false), (summary.Scanned, summary.Changed, summary.Complete));
        Assert.Equal(["c-4", "c-3"], summary.Samples.Select(s => s.Comment.Id));
        Assert.Equal(TestComments.Epoch.AddSeconds(2), summary.Oldest);
    }

    [Fact]
    public async Task Run_ManyComments_ReportsProgressAfterEachBatch()
    {
        for (int i = 0; i < 450; i++)
        {
            await SubmitAsync($"c-{i}", i % 2 == 0 ? "a zebra" : "a horse");
        }

        var progress = new List<BacktestProgress>();
        var summary = await Service.RunAsync(new BacktestRequest(WithZebra), p => { progress.Add(p); return Task.CompletedTask; }, default);

        Assert.Equal([new BacktestProgress(200, 100), new BacktestProgress(400, 200), new BacktestProgress(450, 225)], progress);
        Assert.Equal(225, summary.Changed);
    }

    [Fact]
    public async Task Run_BannedAuthorsComment_StaysRejectedUnderTheCandidate()
    {
        await SubmitAsync("banned", "a zebra", AuthorStatus.Banned);

        var summary = await Service.RunAsync(new BacktestRequest(WithZebra), NoProgress, default);

        Assert.Equal((1, 0), (summary.Scanned, summary.Changed));
        Assert.Equal([new RuleMatchChange("zebra", 1, 0)], summary.Rules);
    }

    [Fact]
    public async Task Run_CandidateDropsARule_CountsItsMatchesAsNoLongerMatching()
    {
        await SubmitAsync("c-1", "you idiot");
        await SubmitAsync("c-2", "a calm remark");

        var summary = await Service.RunAsync(new BacktestRequest("rules:\n  - {id: block, action: reject, terms: [fuck]}\n"), NoProgress, default);

        Assert.Equal([new VerdictChange(Verdict.PendingReview, Verdict.Approved, 1)], summary.Directions);
        Assert.Equal([new RuleMatchChange("hold", 0, 1)], summary.Rules);
        Assert.Empty(Assert.Single(summary.Samples).After.Reasons);
    }

    [Fact]
    public async Task Run_InvalidRulesFile_IsAnInvalidRequestWithEachErrorOnContent()
    {
        var error = await Assert.ThrowsAsync<InvalidRequestException>(() => Service.RunAsync(new BacktestRequest("rules:\n  - id: x\n    action: nuke\n    terms: [a]\n"), NoProgress, default));

        var violation = Assert.Single(error.Violations);
        Assert.Equal("content", violation.Field);
        Assert.StartsWith("(3,13): ", violation.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_ArgumentsOutOfRange_ReportsEveryField()
    {
        var error = await Assert.ThrowsAsync<InvalidRequestException>(() => Service.RunAsync(new BacktestRequest("", TimeSpan.FromDays(8), MaxComments: 100_001, SampleSize: 201), NoProgress, default));

        Assert.Equal(["content", "window", "max_comments", "sample_size"], error.Violations.Select(v => v.Field));
    }

    [Fact]
    public async Task Run_CancelledAfterTheFirstBatch_StopsReading()
    {
        for (int i = 0; i < 450; i++)
        {
            await SubmitAsync($"c-{i}", "a zebra");
        }

        using var cancel = new CancellationTokenSource();
        int batches = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Service.RunAsync(new BacktestRequest(WithZebra), _ =>
        {
            batches++;
            cancel.Cancel();
            return Task.CompletedTask;
        }, cancel.Token));

        Assert.Equal(1, batches);
    }
}
