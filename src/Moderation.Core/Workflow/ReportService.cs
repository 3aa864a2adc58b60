using Moderation.Core.Comments;
using Moderation.Core.Errors;
using Moderation.Core.RateLimiting;

namespace Moderation.Core.Workflow;

/// <summary>Readers' reports, as the site passes them on: one per reader per comment, rate-limited per reader.</summary>
public sealed class ReportService(ICommentStore store, IRateLimiter limiter, ReportOptions options, TimeProvider timeProvider)
{
    private readonly RateLimitPolicy _perReporter = new("reports", "reporter", options.PerReporterPerHour, TimeSpan.FromHours(1), options.PerReporterPerHour);

    public async Task<ReportResult> ReportAsync(string commentId, string reporterId, ReasonCode reason, string? note, CancellationToken cancellationToken)
    {
        var violations = new FieldViolations();
        CommentValidator.CheckId(violations, "comment_id", commentId);
        CommentValidator.CheckId(violations, "reporter_id", reporterId);
        violations.CheckDefined("reason", reason, ReasonCodes.Expected);
        CommentValidator.CheckPlainText(violations, "note", note, CommentValidator.MaxNoteLength);
        violations.ThrowIfAny();

        // Charged only for a report that counts: a reader's second report of a comment is a duplicate,
        // over the limit or not. The charge id makes it once per reader and comment, so two of
        // their reports at once (or a retry of one whose store failed) are not charged twice.
        return await store.ReportAsync(
            commentId,
            reporterId,
            reason,
            note ?? "",
            options.ReportedThreshold,
            options.HideThreshold,
            timeProvider.GetUtcNow(),
            ct => limiter.TryAcquireAsync(_perReporter, reporterId, $"report|{commentId}|{reporterId}", ct),
            cancellationToken).ConfigureAwait(false);
    }
}
