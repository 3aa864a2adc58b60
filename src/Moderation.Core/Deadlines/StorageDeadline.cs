namespace Moderation.Core.Deadlines;

/// <summary>
/// When the store must give up on the current call so that its caller still hears why: a
/// little before the caller's own deadline. A store that waits past it would leave the caller
/// with DEADLINE_EXCEEDED and no reason; giving up first answers UNAVAILABLE, which says
/// "retry". The transport sets it per call; it flows with the call's async context.
/// </summary>
public static class StorageDeadline
{
    private static readonly TimeSpan MinMargin = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan MaxMargin = TimeSpan.FromMilliseconds(500);
    private static readonly AsyncLocal<CancellationToken> Current = new();

    /// <summary>Cancelled when storage must give up; none when the caller set no deadline.</summary>
    public static CancellationToken Token => Current.Value;

    /// <summary>
    /// Starts the deadline of a call ending at <paramref name="callerDeadline"/>: a fifth of the
    /// time left before it (20 to 500 ms) is kept for the answer to travel back. The answer's
    /// path runs code that a healthy service never runs (the failure's translation, its status
    /// details, its log), so on a loaded machine its first run can take a hundred milliseconds
    /// or more: a tenth of a two-second deadline was seen too short.
    /// </summary>
    public static IDisposable Begin(DateTimeOffset callerDeadline, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        var left = callerDeadline - timeProvider.GetUtcNow();
        var margin = TimeSpan.FromTicks(Math.Clamp(left.Ticks / 5, MinMargin.Ticks, MaxMargin.Ticks));
        var source = new CancellationTokenSource(left - margin > TimeSpan.Zero ? left - margin : TimeSpan.FromMilliseconds(1), timeProvider);
        Current.Value = source.Token;
        return source;
    }
}
