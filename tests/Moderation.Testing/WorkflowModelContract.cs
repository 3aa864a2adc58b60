using System.Globalization;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using Moderation.Core.Comments;
using Moderation.Core.Decisions;
using Moderation.Core.Errors;
using Moderation.Core.Events;
using Moderation.Core.Workflow;
using Xunit;

namespace Moderation.Testing;

/// <summary>
/// Model-based test of the workflow: random sequences of operations (submissions and their
/// concurrent retries, reports, decisions, edits, claims, releases, time passing so leases
/// expire) run against <see cref="WorkflowModel"/> and against a store, comparing after every
/// step everything a client can observe. A fixed seed in CI; <c>MODERATION_MODEL_SEQUENCES</c>
/// runs more.
/// </summary>
public abstract class WorkflowModelContract
{
    private const int ReportedThreshold = 2;
    private const int HideThreshold = 3;

    /// <summary>An empty store, private to the calling test.</summary>
    protected abstract (ICommentRecordStore Records, IModerationStateStore State, IDecisionEventLog Events) CreateStores();

    /// <summary>Sequences run in CI (about 6 s against one Redis).</summary>
    protected virtual int Sequences => 200;

    private const int Steps = 30;

    [Fact]
    public async Task RandomSequences_StoreAndModel_AgreeOnEverythingAClientSees()
    {
        int sequences = int.TryParse(Environment.GetEnvironmentVariable("MODERATION_MODEL_SEQUENCES"), CultureInfo.InvariantCulture, out int more) ? more : Sequences;
        for (int seed = 1; seed <= sequences; seed++)
        {
            await RunSequenceAsync(seed);
        }
    }

    private async Task RunSequenceAsync(int seed)
    {
        var random = new Random(seed);
        var time = new FakeTimeProvider(TestComments.Epoch);
        var (records, state, events) = CreateStores();
        var store = TestWorkflow.Over(records, time, new ReportOptions { ReportedThreshold = ReportedThreshold, HideThreshold = HideThreshold });
        var model = new WorkflowModel(ReportedThreshold, HideThreshold);
        var log = new StringBuilder();
        for (int step = 0; step < Steps; step++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            var now = time.GetUtcNow();
            var (description, expected, actual) = await StepAsync(random, store, state, model, now, time);
            log.Append(CultureInfo.InvariantCulture, $"{step}: {description} => {expected}\n");
            Assert.True(expected == actual, $"seed {seed}, step {step}: the store answered {actual}, the model {expected}.\n{log}");
            string want = Describe(model, time.GetUtcNow());
            string got = await ObserveAsync(store, state, events, model);
            Assert.True(want == got, $"seed {seed}, after step {step}, the store shows:\n{got}\nthe model:\n{want}\n{log}");
        }
    }

    private static string Pick(Random random, string prefix, int count) => prefix + random.Next(count).ToString(CultureInfo.InvariantCulture);

    private static Verdict AnyVerdict(Random random) => (Verdict)random.Next(1, 4);

    private static async Task<(string Description, string Expected, string Actual)> StepAsync(Random random, Moderation.Core.Workflow.Transitions.CommentWorkflow store, IModerationStateStore state, WorkflowModel model, DateTimeOffset now, FakeTimeProvider time)
    {
        string id = Pick(random, "c", 8);
        long version = model.Comments.TryGetValue(id, out var known) ? known.Version : 1;
        long expectedVersion = random.Next(6) == 0 ? version - 1 : version;
        int roll = random.Next(100);
        if (roll < 25)
        {
            var verdict = AnyVerdict(random);
            bool flagged = verdict == Verdict.Approved && random.Next(3) == 0;
            string author = Pick(random, "a", 3);
            string article = Pick(random, "x", 2);
            var comment = new Comment(
                TestComments.Submission(id, "text of " + id, article, author),
                new Decision(verdict, [], "text of " + id, flagged, 0, "model"),
                WorkflowModel.StateOf(verdict), 1, now, now);

            // Retries of one id arrive at once: exactly one creates it.
            int copies = random.Next(1, 4);
            var results = await Task.WhenAll(Enumerable.Range(0, copies).Select(_ => Task.Run(() => store.AddAsync(comment, default))));
            bool created = model.Submit(id, author, article, comment.Submission.Text, verdict, flagged, now);
            return ($"submit {id} {verdict} flagged={flagged} x{copies}", $"created {(created ? 1 : 0)}", $"created {results.Count(r => r.Created)}");
        }

        if (roll < 45)
        {
            string reader = Pick(random, "r", 5);
            var want = model.Report(id, reader, now);
            string got = await Outcome(async () =>
            {
                var result = await store.ReportAsync(id, reader, ReasonCode.Abuse, "", ReportedThreshold, HideThreshold, now, default);
                return $"{result.ReportCount} {result.State} duplicate={result.Duplicate}";
            });
            return ($"report {id} by {reader}", want.Error ?? $"{want.Count} {want.State} duplicate={want.Duplicate}", got);
        }

        if (roll < 65)
        {
            var verdict = random.Next(2) == 0 ? Verdict.Approved : Verdict.Rejected;
            string moderator = random.Next(2) == 0 ? "ann" : "bob";
            bool overrideLease = random.Next(5) == 0;
            var want = model.Decide(id, verdict, moderator, expectedVersion, overrideLease, now);
            string got = await Outcome(async () =>
            {
                var result = await store.DecideAsync(id, expectedVersion, new ModeratorDecision(moderator, verdict, ReasonCode.Other, "", now), default, overrideLease);
                return $"unchanged={result.Unchanged} dismissed={result.ReportsDismissed}";
            });
            return ($"decide {id} {verdict} by {moderator} at v{expectedVersion} override={overrideLease}", want.Error ?? $"unchanged={want.Unchanged} dismissed={want.Dismissed}", got);
        }

        if (roll < 80)
        {
            var verdict = AnyVerdict(random);
            bool flagged = verdict == Verdict.Approved && random.Next(3) == 0;
            string text = $"edit {random.Next(1000)} of {id}";
            string? error = model.Edit(id, text, verdict, flagged, expectedVersion, now);
            string got = await Outcome(async () =>
            {
                var current = await store.GetAsync(id, default) ?? throw new CommentNotFoundException(id);
                var edited = current with { Submission = current.Submission with { Text = text }, Decision = new Decision(verdict, [], text, flagged, 0, "model"), UpdatedAt = now };
                var result = await store.EditAsync(id, expectedVersion, edited, default);
                return $"{result.State} v{result.Version}";
            });
            return ($"edit {id} {verdict} flagged={flagged} at v{expectedVersion}", error ?? $"{model.Comments[id].State} v{model.Comments[id].Version}", got);
        }

        if (roll < 90)
        {
            var queue = (QueueKind)random.Next(1, 4);
            string moderator = random.Next(2) == 0 ? "ann" : "bob";
            int max = random.Next(1, 4);
            var until = now.AddMinutes(5);
            var want = model.Claim(queue, moderator, max, now, until);
            var got = await store.ClaimAsync(queue, moderator, max, now, until, null, default);
            return ($"claim {max} of {queue} by {moderator}", string.Join(",", want), string.Join(",", got.Select(i => i.Comment.Id)));
        }

        if (roll < 93)
        {
            // A ban that rejects the author's pending comments outranks any lease on them.
            string author = Pick(random, "a", 3);
            var pending = model.Comments.Values.Where(c => c.Author == author && c.State == CommentState.PendingReview)
                .OrderBy(c => c.CreatedAt).ThenBy(c => c.Id, StringComparer.Ordinal).Select(c => c.Id).ToList();
            pending.ForEach(c => model.Decide(c, Verdict.Rejected, "lead", model.Comments[c].Version, overrideLease: true, now));
            var service = new ModerationQueueService(store, state, time);
            var (_, rejected) = await service.SetAuthorStatusAsync(author, AuthorStatus.Banned, null, rejectPending: true, "banned", "lead", default);
            await state.SetAuthorStatusAsync(author, AuthorStatus.Normal, null, default);
            return ($"ban {author} rejecting pending", $"rejected {pending.Count}", $"rejected {rejected}");
        }

        if (roll < 96)
        {
            string moderator = random.Next(2) == 0 ? "ann" : "bob";
            string[] ids = [id, Pick(random, "c", 8)];
            var want = model.Release(moderator, ids, now);
            var got = await store.ReleaseAsync(moderator, ids, default);
            return ($"release {string.Join(",", ids)} by {moderator}", string.Join(",", want), string.Join(",", got));
        }

        var minutes = random.Next(1, 8);
        time.Advance(TimeSpan.FromMinutes(minutes));
        return ($"wait {minutes} min", "", "");
    }

    private static async Task<string> Outcome(Func<Task<string>> call)
    {
        try
        {
            return await call();
        }
        catch (ModerationException error)
        {
            return error switch
            {
                CommentNotFoundException => "NotFound",
                VersionMismatchException => "VersionMismatch",
                LeaseHeldException => "LeaseHeld",
                CommentNotEditableException => "NotEditable",
                _ => error.GetType().Name,
            };
        }
    }

    /// <summary>What a client would see, as the model has it.</summary>
    private static string Describe(WorkflowModel model, DateTimeOffset now)
    {
        var text = new StringBuilder();
        foreach (var c in model.Comments.Values.OrderBy(c => c.Id, StringComparer.Ordinal))
        {
            text.Append(CultureInfo.InvariantCulture, $"comment {c.Id}: {c.State} v{c.Version} '{c.Text}'\n");
            foreach (var (version, action, actor, state) in c.History)
            {
                text.Append(CultureInfo.InvariantCulture, $"  history v{version} {action} by {actor} -> {state}\n");
            }
        }

        foreach (var queue in Enum.GetValues<QueueKind>())
        {
            var items = model.InQueue(queue).ToList();
            foreach (var c in items)
            {
                var lease = c.Lease is { } l && l.Until > now ? l.Moderator : "-";
                text.Append(CultureInfo.InvariantCulture, $"{queue}: {c.Id} since {c.Place!.Value.At.ToUnixTimeMilliseconds()} reports={c.ActiveReports} lease={lease} flagged={queue == QueueKind.Reported && c.Flagged}\n");
            }

            var oldest = items.Count == 0 ? "-" : items.Min(c => c.Place!.Value.At.ToUnixTimeMilliseconds()).ToString(CultureInfo.InvariantCulture);
            text.Append(CultureInfo.InvariantCulture, $"{queue} depth {items.Count} oldest {oldest}\n");
        }

        foreach (var (author, (approved, rejected)) in model.Authors.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            text.Append(CultureInfo.InvariantCulture, $"author {author}: approved {approved} rejected {rejected}\n");
        }

        foreach (var (comment, state, version, cause) in model.Events)
        {
            text.Append(CultureInfo.InvariantCulture, $"event {comment} {state} v{version} {cause}\n");
        }

        return text.ToString();
    }

    /// <summary>What a client sees, read back through the store's public reads.</summary>
    private static async Task<string> ObserveAsync(ICommentStore store, IModerationStateStore state, IDecisionEventLog events, WorkflowModel model)
    {
        var text = new StringBuilder();
        foreach (string id in model.Comments.Keys.Order(StringComparer.Ordinal))
        {
            var c = await store.GetAsync(id, default);
            text.Append(CultureInfo.InvariantCulture, $"comment {id}: {c?.State} v{c?.Version} '{c?.Submission.Text}'\n");
            var (history, _) = await state.GetHistoryAsync(id, 0, 100, default);
            foreach (var entry in history)
            {
                text.Append(CultureInfo.InvariantCulture, $"  history v{entry.Version} {entry.Action} by {entry.Actor} -> {entry.State}\n");
            }
        }

        var stats = await store.GetQueueStatsAsync(null, default);
        foreach (var queue in Enum.GetValues<QueueKind>())
        {
            var page = await store.ListQueueAsync(new QueueQuery(queue, 100), default);
            foreach (var item in page.Items)
            {
                text.Append(CultureInfo.InvariantCulture, $"{queue}: {item.Comment.Id} since {item.EnqueuedAt.ToUnixTimeMilliseconds()} reports={item.ReportCount} lease={item.ClaimedBy ?? "-"} flagged={item.FlaggedByRules}\n");
            }

            var stat = stats.Single(s => s.Queue == queue);
            text.Append(CultureInfo.InvariantCulture, $"{queue} depth {stat.Depth} oldest {stat.OldestEnqueuedAt?.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) ?? "-"}\n");
        }

        foreach (string author in model.Authors.Keys.Order(StringComparer.Ordinal))
        {
            var record = await state.GetAuthorAsync(author, default);
            text.Append(CultureInfo.InvariantCulture, $"author {author}: approved {record.ApprovedCount} rejected {record.RejectedCount}\n");
        }

        foreach (var e in await events.ReadAfterAsync(EventCursor.Start, 10_000, default))
        {
            text.Append(CultureInfo.InvariantCulture, $"event {e.CommentId} {e.State} v{e.Version} {e.Cause}\n");
        }

        return text.ToString();
    }
}
