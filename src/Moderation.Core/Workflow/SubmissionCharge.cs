using Moderation.Core.RateLimiting;

namespace Moderation.Core.Workflow;

/// <summary>
/// The limits a new comment is charged against, once per <see cref="ChargeId"/>. A store that
/// can (<see cref="IChargingCommentRecordStore"/>) charges them in the same atomic step that
/// stores the comment; any other store has them charged apart first, by <see cref="ChargeApart"/>.
/// </summary>
public sealed record SubmissionCharge(
    IReadOnlyList<RateLimitRequest> Limits,
    string ChargeId,
    Func<CancellationToken, Task<RateLimitOutcome>> ChargeApart);
