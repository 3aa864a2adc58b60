using Microsoft.Extensions.Time.Testing;
using Moderation.Core.Comments;
using Moderation.Core.RateLimiting;
using Moderation.Core.Workflow;
using Moderation.Core.Workflow.Transitions;

namespace Moderation.Testing;

/// <summary>The workflow over a store, as the service composes it, on a clock stopped at <see cref="TestComments.Epoch"/> unless given one.</summary>
public static class TestWorkflow
{
    public static CommentWorkflow Over(ICommentRecordStore records, TimeProvider? time = null, ReportOptions? reports = null) =>
        new(records, reports ?? new ReportOptions(), time ?? new FakeTimeProvider(TestComments.Epoch));

    private static readonly RateLimitDecision Unlimited = new("unlimited", "reporter", IsAllowed: true, Remaining: 0, RetryAfter: TimeSpan.Zero, ResetAfter: TimeSpan.Zero);

    /// <summary>A reader's report with no limit to charge: the store's own behaviour, apart from the service's limit.</summary>
    public static Task<ReportResult> ReportAsync(this ICommentStore store, string commentId, string reporterId, ReasonCode reason, string note, int reportedThreshold, int hideThreshold, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.ReportAsync(commentId, reporterId, reason, note, reportedThreshold, hideThreshold, now, _ => ValueTask.FromResult(Unlimited), cancellationToken);
    }
}
