namespace Moderation.Server.Requests;

/// <summary>
/// Logs refused malformed requests as one line each, at most one a second (with how many were
/// not logged): hostile bytes must not become a cheap way to fill the disk.
/// </summary>
internal sealed partial class MalformedRequestLog(ILogger<MalformedRequestLog> logger, TimeProvider timeProvider)
{
    private long _nextLogTicks;
    private long _suppressed;

    public void Refused(string method, string? field, Exception error)
    {
        long now = timeProvider.GetUtcNow().UtcTicks;
        long next = Interlocked.Read(ref _nextLogTicks);
        if (now < next || Interlocked.CompareExchange(ref _nextLogTicks, now + TimeSpan.TicksPerSecond, next) != next)
        {
            Interlocked.Increment(ref _suppressed);
            return;
        }

        LogRefused(logger, method, field ?? "-", error.GetType().Name, error.Message, Interlocked.Exchange(ref _suppressed, 0));
    }

    [LoggerMessage(EventId = 1010, Level = LogLevel.Warning, Message = "Refused a malformed {Method} request (field {Field}): {ErrorType}: {ErrorMessage}; {Suppressed} more refused since the last line")]
    private static partial void LogRefused(ILogger logger, string method, string field, string errorType, string errorMessage, long suppressed);
}
