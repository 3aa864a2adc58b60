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
    private static readonly TimeSpan MaxMargin = TimeSpan.FromMilliseconds(250);
    private static readonly AsyncLocal<CancellationToken> Current = new();

    /// <summary>Cancelled when storage must give up; none when the caller set no deadline.</summary>
    public static CancellationToken Token => Current.Value;

    /// <summary>
    /// Starts the deadline of a call ending at <paramref name="callerDeadline"/>: a tenth of the
    /// time left before it (20 to 250 ms) is kept for the answer to travel back.
    /// </summary>
    public static IDisposable Begin(DateTimeOffset callerDeadline, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        var left = callerDeadline - timeProvider.GetUtcNow();
        var margin = TimeSpan.FromTicks(Math.Clamp(left.Ticks / 10, MinMargin.Ticks, MaxMargin.Ticks));
        var source = new CancellationTokenSource(left - margin > TimeSpan.Zero ? left - margin : TimeSpan.FromMilliseconds(1), timeProvider);
        Current.Value = source.Token;
        return source;
    }
}
