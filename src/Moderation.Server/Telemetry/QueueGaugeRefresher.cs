using Moderation.Core.Telemetry;
using Moderation.Core.Workflow;

namespace Moderation.Server.Telemetry;

/// <summary>
/// Reads the queue depths every few seconds for the gauges, so a scrape never waits on the
/// store and many scrapers cost it nothing more. A failed read keeps the last figures.
/// </summary>
internal sealed partial class QueueGaugeRefresher(ICommentStore store, ModerationMetrics metrics, TimeProvider timeProvider, ILogger<QueueGaugeRefresher> logger) : BackgroundService
{
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every, timeProvider);
        do
        {
            try
            {
                metrics.QueuesRead(await store.GetQueueStatsAsync(null, stoppingToken));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogReadFailed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(EventId = 1011, Level = LogLevel.Warning, Message = "Could not read the queue depths for the metrics; the gauges keep the last figures")]
    private static partial void LogReadFailed(ILogger logger, Exception exception);
}
