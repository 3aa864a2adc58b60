using Moderation.Core.Errors;
using Moderation.Core.Rules.Brake;

namespace Moderation.Server.Health;

/// <summary>
/// Compares this instance's brake demotions with the shared ones every
/// <see cref="RuleDemotionSharing.Every"/>, so a demotion or a restore on one instance holds on all.
/// </summary>
internal sealed partial class RuleDemotionSync(RuleDemotionSharing sharing, TimeProvider timeProvider, ILogger<RuleDemotionSync> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(RuleDemotionSharing.Every, timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await sharing.SyncAsync(stoppingToken);
                }
                catch (StorageUnavailableException ex)
                {
                    // The next tick tries again; until then each instance keeps the demotions it has.
                    LogSyncFailed(logger, ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(EventId = 2010, Level = LogLevel.Warning, Message = "The emergency brake's demotions could not be compared with the other instances'; trying again")]
    private static partial void LogSyncFailed(ILogger logger, Exception exception);
}
