using Moderation.Core.Comments;
using Moderation.Core.Decisions;
using Moderation.Core.Errors;
using Moderation.Core.Workflow;

namespace Moderation.Core.Rules.Backtest;

/// <summary>
/// Replays a candidate rules file over the comments of a recent window and reports what it would
/// change against what was decided then (the stored decision's verdict, not a moderator's later
/// one). A dry run: it reads the recent-comment index and the comments a batch at a time and
/// writes nothing, so no limit, text history or statistic counts it.
/// </summary>
public sealed class RuleBacktestService(RuleSetService rules, IRecentCommentIndex recent, TimeProvider timeProvider)
{
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromHours(24);

    /// <summary>The longest window: as long as the recent-comment index keeps ids.</summary>
    public static readonly TimeSpan MaxWindow = RecentComments.Retention;

    public const int DefaultMaxComments = 10_000;
    public const int MaxMaxComments = 100_000;
    public const int DefaultSampleSize = 20;
    public const int MaxSampleSize = 200;

    /// <summary>Comments read per batch: one bounded read of Redis, then the rules over them.</summary>
    public const int BatchSize = 200;

    // One backtest at a time per process, as RuleCompilation compiles one file at a time: a
    // replay keeps a core busy, and submissions need the others.
    private static readonly SemaphoreSlim OneAtATime = new(1, 1);

    /// <summary>
    /// Validates the request and the candidate (an invalid file is INVALID_ARGUMENT, each error a
    /// violation of <c>content</c>), then replays it, calling <paramref name="progress"/> after each batch.
    /// </summary>
    public async Task<BacktestSummary> RunAsync(BacktestRequest request, Func<BacktestProgress, Task> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(progress);
        var violations = new FieldViolations();
        if (string.IsNullOrWhiteSpace(request.Content))
        {
            violations.Add("content", "Required: the YAML text of the candidate rules file.");
        }

        if (request.Window is { } window && (window <= TimeSpan.Zero || window > MaxWindow))
        {
            violations.Add("window", $"Must be more than 0 and at most {MaxWindow.TotalDays:0} days; absent means {DefaultWindow.TotalHours:0} hours.");
        }

        if (request.MaxComments is < 0 or > MaxMaxComments)
        {
            violations.Add("max_comments", $"Must be 0 (the default, {DefaultMaxComments:N0}) to {MaxMaxComments:N0}.");
        }

        if (request.SampleSize is < 0 or > MaxSampleSize)
        {
            violations.Add("sample_size", $"Must be 0 (the default, {DefaultSampleSize}) to {MaxSampleSize}.");
        }

        violations.ThrowIfAny();
        var validation = await rules.ValidateAsync(request.Content, cancellationToken).ConfigureAwait(false);
        if (validation.Candidate is not { } candidate)
        {
            throw new InvalidRequestException(validation.Errors.Select(e => new FieldViolation("content", e.ToString())).ToList());
        }

        await OneAtATime.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await ReplayAsync(candidate, request, progress, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            OneAtATime.Release();
        }
    }

    private async Task<BacktestSummary> ReplayAsync(RuleSet candidate, BacktestRequest request, Func<BacktestProgress, Task> progress, CancellationToken cancellationToken)
    {
        var until = timeProvider.GetUtcNow();
        var since = until - (request.Window ?? DefaultWindow);
        int max = request.MaxComments == 0 ? DefaultMaxComments : request.MaxComments;
        int sampleSize = request.SampleSize == 0 ? DefaultSampleSize : request.SampleSize;
        var tally = new Tally(sampleSize);
        RecentPosition? after = null;
        bool complete = false;
        while (tally.Scanned < max)
        {
            var batch = await recent.ReadAsync(new RecentCommentQuery(since, until, after, Math.Min(BatchSize, max - tally.Scanned)), cancellationToken).ConfigureAwait(false);
            foreach (var comment in batch.Comments)
            {
                cancellationToken.ThrowIfCancellationRequested();
                tally.Add(comment, WorkflowPolicy.Reapply(candidate.Evaluate(comment.Submission.Text, WorkflowPolicy.ContextOf(comment)), comment.Decision));
            }

            await progress(new BacktestProgress(tally.Scanned, tally.Changed)).ConfigureAwait(false);
            if (batch.Next is not { } next)
            {
                complete = true;
                break;
            }

            after = next;
        }

        return tally.Summary(candidate.Version, since, until, complete);
    }

    /// <summary>The counts of a replay so far.</summary>
    private sealed class Tally(int sampleSize)
    {
        private readonly Dictionary<(Verdict From, Verdict To), int> _directions = [];
        private readonly Dictionary<string, (int Newly, int NoLonger)> _rules = new(StringComparer.Ordinal);
        private readonly List<BacktestSample> _samples = [];
        private DateTimeOffset? _oldest;

        public int Scanned { get; private set; }

        public int Changed { get; private set; }

        public void Add(Comment comment, Decision after)
        {
            Scanned++;
            _oldest = _oldest is { } oldest && oldest < comment.CreatedAt ? oldest : comment.CreatedAt;
            var before = comment.Decision;
            foreach (string ruleId in Matched(after).Except(Matched(before), StringComparer.Ordinal))
            {
                var counts = _rules.GetValueOrDefault(ruleId);
                _rules[ruleId] = (counts.Newly + 1, counts.NoLonger);
            }

            foreach (string ruleId in Matched(before).Except(Matched(after), StringComparer.Ordinal))
            {
                var counts = _rules.GetValueOrDefault(ruleId);
                _rules[ruleId] = (counts.Newly, counts.NoLonger + 1);
            }

            if (after.Verdict == before.Verdict)
            {
                return;
            }

            Changed++;
            _directions[(before.Verdict, after.Verdict)] = _directions.GetValueOrDefault((before.Verdict, after.Verdict)) + 1;
            if (_samples.Count < sampleSize)
            {
                _samples.Add(new BacktestSample(comment, after));
            }
        }

        public BacktestSummary Summary(string version, DateTimeOffset since, DateTimeOffset until, bool complete) => new(
            version,
            since,
            until,
            Scanned,
            Changed,
            complete,
            _oldest,
            _directions.Select(d => new VerdictChange(d.Key.From, d.Key.To, d.Value)).OrderByDescending(d => d.Count).ThenBy(d => d.From).ThenBy(d => d.To).ToList(),
            _rules.Select(r => new RuleMatchChange(r.Key, r.Value.Newly, r.Value.NoLonger)).OrderByDescending(r => r.NewlyMatching + r.NoLongerMatching).ThenBy(r => r.RuleId, StringComparer.Ordinal).ToList(),
            _samples);

        private static IEnumerable<string> Matched(Decision decision) => decision.Reasons.Select(r => r.RuleId);
    }
}
