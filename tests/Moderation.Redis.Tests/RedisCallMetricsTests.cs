using Moderation.Core.Deadlines;
using Moderation.Core.Errors;
using Moderation.Core.Telemetry;
using Moderation.Redis.Comments;
using Moderation.Redis.State;
using Moderation.Redis.Telemetry;
using Moderation.Testing;
using StackExchange.Redis;

namespace Moderation.Redis.Tests;

/// <summary>
/// Each Redis call is measured once, under its operation, with how it ended: the outcome tells an
/// outage from a timeout, and neither a domain refusal nor a caller gone counts as an error.
/// Its own server: CLIENT PAUSE stalls every client of it.
/// </summary>
public sealed class RedisCallMetricsTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>, IDisposable
{
    private readonly TestMeterFactory _meters = new();
    private readonly RedisKeys _keys = new(RedisServerFixture.UniquePrefix());

    public void Dispose() => _meters.Dispose();

    private InstrumentRecorder Durations() => new(_meters, ModerationMetrics.MeterName, RedisCallMetrics.DurationName);

    private InstrumentRecorder Errors() => new(_meters, ModerationMetrics.MeterName, RedisCallMetrics.ErrorsName);

    [Fact]
    public async Task Get_Answered_IsOneOkCallOfItsOperation()
    {
        using var durations = Durations();
        using var errors = Errors();
        var store = new RedisCommentStore(redis.Connection, _keys, metrics: new RedisCallMetrics(_meters));

        Assert.Null(await store.GetAsync("c-1", default));

        var call = Assert.Single(durations.Measurements);
        Assert.Equal("comment.get", call.Tag("operation"));
        Assert.Equal("ok", call.Tag("outcome"));
        Assert.InRange(call.Value, 0, 5);
        Assert.Empty(errors.Measurements);
    }

    [Fact]
    public async Task GetHistory_OfNoComment_IsAnOkCallNotAnError()
    {
        using var durations = Durations();
        using var errors = Errors();
        var state = new RedisModerationState(redis.Connection, _keys, metrics: new RedisCallMetrics(_meters));

        await Assert.ThrowsAsync<CommentNotFoundException>(() => state.GetHistoryAsync("c-missing", 0, 10, default));

        Assert.Equal(["history.get/ok"], durations.Measurements.Select(m => $"{m.Tag("operation")}/{m.Tag("outcome")}"));
        Assert.Empty(errors.Measurements);
    }

    [Fact]
    public async Task Get_RedisUnreachable_IsAnUnavailableError()
    {
        using var durations = Durations();
        using var errors = Errors();
        var options = ConfigurationOptions.Parse($"127.0.0.1:{RedisServerProcess.FreeLoopbackPort()},abortConnect=false,connectTimeout=200");
        options.BacklogPolicy = BacklogPolicy.FailFast;
        await using var down = await ConnectionMultiplexer.ConnectAsync(options);
        var store = new RedisCommentStore(down, _keys, metrics: new RedisCallMetrics(_meters));

        await Assert.ThrowsAsync<StorageUnavailableException>(() => store.GetAsync("c-1", default));

        Assert.Equal(["comment.get/unavailable"], durations.Measurements.Select(m => $"{m.Tag("operation")}/{m.Tag("outcome")}"));
        var error = Assert.Single(errors.Measurements);
        Assert.Equal(("comment.get", "unavailable", 1.0), (error.Tag("operation"), error.Tag("outcome"), error.Value));
    }

    [Fact]
    public async Task Get_RedisPausedPastTheStorageDeadline_IsATimeoutError()
    {
        using var durations = Durations();
        using var errors = Errors();
        await using var connection = await PausedRedisAsync(TimeSpan.FromSeconds(1));
        var store = new RedisCommentStore(connection, _keys, metrics: new RedisCallMetrics(_meters));

        using (StorageDeadline.Begin(DateTimeOffset.UtcNow.AddMilliseconds(300), TimeProvider.System))
        {
            await Assert.ThrowsAsync<StorageUnavailableException>(() => store.GetAsync("c-1", default));
        }

        Assert.Equal(["comment.get/timeout"], durations.Measurements.Select(m => $"{m.Tag("operation")}/{m.Tag("outcome")}"));
        Assert.Equal(["comment.get/timeout"], errors.Measurements.Select(m => $"{m.Tag("operation")}/{m.Tag("outcome")}"));
    }

    [Fact]
    public async Task Get_CancelledByItsCaller_IsCancelledNotAnError()
    {
        using var durations = Durations();
        using var errors = Errors();
        await using var connection = await PausedRedisAsync(TimeSpan.FromSeconds(1));
        var store = new RedisCommentStore(connection, _keys, metrics: new RedisCallMetrics(_meters));
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.GetAsync("c-1", cancellation.Token));

        Assert.Equal(["comment.get/cancelled"], durations.Measurements.Select(m => $"{m.Tag("operation")}/{m.Tag("outcome")}"));
        Assert.Empty(errors.Measurements);
    }

    private async Task<IConnectionMultiplexer> PausedRedisAsync(TimeSpan pause)
    {
        // A long library timeout, so what ends the wait is the deadline or the caller, not the client.
        var connection = await ConnectionMultiplexer.ConnectAsync(redis.Configuration + ",allowAdmin=true,asyncTimeout=10000,syncTimeout=10000");
        await connection.GetDatabase().ExecuteAsync("CLIENT", "PAUSE", ((long)pause.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture), "ALL");
        return connection;
    }
}
