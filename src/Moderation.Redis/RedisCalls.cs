using System.Diagnostics;
using Moderation.Core.Deadlines;
using Moderation.Core.Errors;
using Moderation.Core.Telemetry;
using Moderation.Redis.Telemetry;
using StackExchange.Redis;

namespace Moderation.Redis;

/// <summary>
/// Every Redis call goes through here: the caller's cancellation (a gRPC deadline or a client
/// that went away) ends the wait, Redis outages become the domain's retryable failure, and the
/// call is measured and traced under its operation's name, once however many commands it pipelines.
/// </summary>
internal static class RedisCalls
{
    /// <summary>
    /// Server replies that mean "not now" rather than "never": a replica during a failover
    /// (READONLY, MASTERDOWN), a server loading its data (LOADING), a script or command holding
    /// the server (BUSY), a cluster resharding or without quorum (TRYAGAIN, CLUSTERDOWN). And
    /// refusals an operator mends, a Redis full under noeviction (OOM) or a user without the
    /// commands the service needs (NOPERM): to a client the storage is unavailable until then,
    /// and the request may be retried; the logs and the Redis error metric tell the operator.
    /// </summary>
    private static readonly string[] TransientErrors = ["READONLY", "MASTERDOWN", "LOADING", "BUSY", "TRYAGAIN", "CLUSTERDOWN", "OOM", "NOPERM"];

    /// <param name="operation">A <see cref="RedisOperation"/> name.</param>
    /// <param name="metrics">Where the call is measured; null to measure nothing (a store built without a host).</param>
    public static async Task<T> RunAsync<T>(string operation, RedisCallMetrics? metrics, Func<Task<T>> call, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();

        // Only within a traced request: the queue gauges read Redis every few seconds and would
        // otherwise each start a trace of their own.
        using var span = Activity.Current is null ? null : ModerationTracing.Source.StartActivity(operation, ActivityKind.Client);
        if (span is { IsAllDataRequested: true })
        {
            span.SetTag("db.system", "redis");
            span.SetTag("db.operation.name", operation);
        }

        // One state machine for the wait, the translation and the measurement: every Redis
        // call of every request comes through here.
        long started = Stopwatch.GetTimestamp();
        string outcome = RedisCallOutcome.Ok;
        var storageDeadline = StorageDeadline.Token;
        using var linked = storageDeadline.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, storageDeadline) : null;
        try
        {
            // StackExchange.Redis takes no token: the command may still complete in Redis, but
            // the caller stops waiting for it. Every operation is atomic, so either outcome is whole.
            return await call().WaitAsync(linked?.Token ?? cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            var failure = Translate(ex, storageDeadline);
            outcome = RedisCallOutcome.Of(failure);
            if (ReferenceEquals(failure, ex))
            {
                throw;
            }

            throw failure;
        }
        finally
        {
            metrics?.Record(operation, outcome, Stopwatch.GetElapsedTime(started));
            if (span is not null && RedisCallOutcome.IsError(outcome))
            {
                span.SetStatus(ActivityStatusCode.Error, outcome);
                span.SetTag("error.type", outcome);
            }
        }
    }

    /// <summary>The domain's failure for a Redis failure that means "retry", else the failure itself.</summary>
    private static Exception Translate(Exception error, CancellationToken storageDeadline) => error switch
    {
        // The storage deadline ends before the call's; on a busy machine both may have passed by
        // the time this runs, and the caller is still better told UNAVAILABLE (retry) than CANCELLED.
        OperationCanceledException when storageDeadline.IsCancellationRequested =>
            new StorageUnavailableException("Redis did not answer before the call's deadline; the request may be retried.", error),
        RedisConnectionException or RedisTimeoutException =>
            new StorageUnavailableException("Redis is unreachable or too slow; the request may be retried.", error),
        RedisServerException server when IsTransient(server) =>
            new StorageUnavailableException($"Redis cannot serve the request right now ({FirstWord(server.Message)}); the request may be retried.", error),
        _ => error,
    };

    private static bool IsTransient(RedisServerException error) => TransientErrors.Contains(FirstWord(error.Message), StringComparer.Ordinal);

    private static string FirstWord(string message)
    {
        int space = message.IndexOf(' ', StringComparison.Ordinal);
        return space < 0 ? message : message[..space];
    }
}
