using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Moderation.Core.Comments;
using Moderation.Core.Errors;
using Moderation.Core.Rules;

namespace Moderation.Core.RateLimiting;

/// <summary>
/// Checks a submission's limits against the shared store within a time budget. A subject
/// refused once is refused locally until its retry-after, without asking the store again. When
/// the store is slow or down, each limit's failure mode applies: fail-open limits are checked by
/// an in-process limiter at their rate divided by the instance count; a fail-closed limit
/// refuses the submission as unavailable.
/// </summary>
public sealed partial class SubmissionRateLimiter(
    IRateLimiter shared,
    SubmissionLimits limits,
    RateLimitOptions options,
    TimeProvider timeProvider,
    ILogger<SubmissionRateLimiter> logger)
{
    private static readonly TimeSpan DegradedReportFor = TimeSpan.FromSeconds(30);

    private readonly InMemoryGcraRateLimiter _fallback = new(timeProvider);
    private readonly ConcurrentDictionary<(string Policy, string Subject), DateTimeOffset> _refusedUntil = new();
    private long _degradedUntilTicks;
    private long _circuitOpenUntilTicks;
    private int _consecutiveFailures;
    private int _checksSincePrune;

    /// <summary>Whether limits were recently checked without the shared store.</summary>
    public bool IsDegraded => timeProvider.GetUtcNow().UtcTicks < Interlocked.Read(ref _degradedUntilTicks);

    /// <summary>
    /// Checks and charges the limits of a submission. <paramref name="chargeId"/> names what is
    /// charged (a comment, or one edit of it): asked again for the same id, from any instance,
    /// it is not charged twice.
    /// </summary>
    public Task<RateLimitOutcome> AcquireAsync(CommentSubmission submission, EvaluationContext context, string chargeId, CancellationToken cancellationToken) =>
        AcquireAsync(RequestsFor(submission, context), chargeId, cancellationToken);

    /// <summary>The limits a submission is checked against.</summary>
    public List<RateLimitRequest> RequestsFor(CommentSubmission submission, EvaluationContext context) => limits.For(submission, context);

    /// <summary>A refusal from memory, without asking the store, when one of the subjects was refused and its retry time has not come.</summary>
    public RateLimitOutcome? RefusedEarlier(List<RateLimitRequest> requests)
    {
        ArgumentNullException.ThrowIfNull(requests);
        return RefusedLocally(requests, timeProvider.GetUtcNow());
    }

    /// <summary>Checks and charges <paramref name="requests"/> against the shared store, within its failure budget.</summary>
    public async Task<RateLimitOutcome> AcquireAsync(List<RateLimitRequest> requests, string chargeId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var now = timeProvider.GetUtcNow();
        if (requests.Count == 0)
        {
            return new RateLimitOutcome(true, []);
        }

        if (RefusedLocally(requests, now) is { } local)
        {
            return local;
        }

        var outcome = await AcquireSharedAsync(requests, chargeId, cancellationToken).ConfigureAwait(false);
        Remember(requests, outcome);

        PruneNowAndThen(now);
        return outcome;
    }

    /// <summary>
    /// The shared store's answer, unless it is unreachable: a connection known to be down, no
    /// answer within the failure budget, or a circuit opened by repeated failures (then the store
    /// is not asked until the circuit's time is up). A slow answer within the budget is waited for.
    /// </summary>
    private async Task<RateLimitOutcome> AcquireSharedAsync(List<RateLimitRequest> requests, string chargeId, CancellationToken cancellationToken)
    {
        if (timeProvider.GetUtcNow().UtcTicks < Interlocked.Read(ref _circuitOpenUntilTicks))
        {
            // Logged once, when the circuit opened.
            return await FallBackAsync(requests, chargeId, failure: null, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            using var budget = new CancellationTokenSource(options.FailureBudget, timeProvider);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, budget.Token);
            var outcome = await shared.TryAcquireAsync(requests, chargeId, linked.Token).ConfigureAwait(false);
            Interlocked.Exchange(ref _consecutiveFailures, 0);
            return outcome;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is OperationCanceledException or StorageUnavailableException)
        {
            RecordFailure();
            return await FallBackAsync(requests, chargeId, ex, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Each limit's failure mode: fail-closed limits refuse as unavailable, fail-open ones are checked in process.</summary>
    private async Task<RateLimitOutcome> FallBackAsync(List<RateLimitRequest> requests, string chargeId, Exception? failure, CancellationToken cancellationToken)
    {
        Interlocked.Exchange(ref _degradedUntilTicks, (timeProvider.GetUtcNow() + DegradedReportFor).UtcTicks);
        if (requests.Find(r => r.Policy.FailureMode == LimitFailureMode.Closed) is { Policy: not null } closed)
        {
            if (failure is not null)
            {
                LogFailedClosed(logger, closed.Policy.Name, failure);
            }

            throw new StorageUnavailableException($"Rate limit '{closed.Policy.Name}' cannot be checked right now; retry shortly.", failure);
        }

        if (failure is not null)
        {
            LogFailedOpen(logger, options.InstanceCount, failure);
        }

        var perInstance = requests.Select(r => r with { Policy = r.Policy.PerInstance(options.InstanceCount) }).ToList();
        return await _fallback.TryAcquireAsync(perInstance, chargeId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Remembers the subjects a shared answer refused, so they are refused locally until their retry time.</summary>
    public void Remember(List<RateLimitRequest> requests, RateLimitOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(requests);
        ArgumentNullException.ThrowIfNull(outcome);
        if (outcome.IsAllowed)
        {
            return;
        }

        var now = timeProvider.GetUtcNow();
        for (int i = 0; i < requests.Count; i++)
        {
            var decision = outcome.Decisions[i];
            if (!decision.IsAllowed && !decision.Shadow)
            {
                _refusedUntil[(requests[i].Policy.Name, requests[i].Subject)] = now + decision.RetryAfter;
            }
        }
    }

    private void RecordFailure()
    {
        if (Interlocked.Increment(ref _consecutiveFailures) >= options.CircuitBreakAfter)
        {
            long until = (timeProvider.GetUtcNow() + options.CircuitOpenFor).UtcTicks;
            if (Interlocked.Exchange(ref _circuitOpenUntilTicks, until) < timeProvider.GetUtcNow().UtcTicks)
            {
                LogCircuitOpened(logger, options.CircuitBreakAfter, options.CircuitOpenFor);
            }

            // The next check after the open period is the probe: one more failure reopens it.
            Interlocked.Exchange(ref _consecutiveFailures, options.CircuitBreakAfter - 1);
        }
    }

    /// <summary>A refusal from memory, when a requested subject was refused and its retry-after has not passed.</summary>
    private RateLimitOutcome? RefusedLocally(List<RateLimitRequest> requests, DateTimeOffset now)
    {
        RateLimitDecision[]? decisions = null;
        for (int i = 0; i < requests.Count; i++)
        {
            var (policy, subject, _) = requests[i];
            if (!policy.Shadow && _refusedUntil.TryGetValue((policy.Name, subject), out var until) && until > now)
            {
                decisions ??= requests.Select(r => new RateLimitDecision(r.Policy.Name, r.Policy.SubjectKind, true, 0, TimeSpan.Zero, TimeSpan.Zero, r.Policy.Shadow)).ToArray();
                decisions[i] = new RateLimitDecision(policy.Name, policy.SubjectKind, false, 0, until - now, until - now, policy.Shadow);
            }
        }

        return decisions is null ? null : new RateLimitOutcome(false, decisions);
    }

    private void PruneNowAndThen(DateTimeOffset now)
    {
        if (Interlocked.Increment(ref _checksSincePrune) % 4096 != 0)
        {
            return;
        }

        foreach (var (key, until) in _refusedUntil)
        {
            if (until <= now)
            {
                _refusedUntil.TryRemove(KeyValuePair.Create(key, until));
            }
        }
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "Rate limits checked in process (fail open, rates divided by {InstanceCount}): the shared store did not answer in time")]
    private static partial void LogFailedOpen(ILogger logger, int instanceCount, Exception exception);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning, Message = "Rate limits stop asking the shared store for {OpenFor} after {Failures} failed checks in a row")]
    private static partial void LogCircuitOpened(ILogger logger, int failures, TimeSpan openFor);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Error, Message = "Submission refused as unavailable: fail-closed limit {LimitName} cannot be checked")]
    private static partial void LogFailedClosed(ILogger logger, string limitName, Exception exception);
}
