using Moderation.Core.RateLimiting;
using Moderation.Core.Workflow.Transitions;

namespace Moderation.Core.Workflow;

/// <summary>A record store that charges a new comment's limits and stores it in one atomic step.</summary>
public interface IChargingCommentRecordStore : ICommentRecordStore
{
    /// <summary>
    /// Applies a new comment's change and charges its limits, all or nothing: when the id is
    /// taken nothing is charged (Applied false, no outcome); when a limit refuses nothing is
    /// stored (Applied false, the refusing outcome); otherwise both happen (Applied true). The
    /// stored comment is what marks it charged: a retry finds its id taken.
    /// </summary>
    Task<(bool Applied, RateLimitOutcome? Limits)> TryAddChargedAsync(CommentChange change, IReadOnlyList<RateLimitRequest> limits, CancellationToken cancellationToken);
}
