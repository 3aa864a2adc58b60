using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Moderation.Api.V1;
using Moderation.Core.RateLimiting;
using Moderation.Core.Telemetry;
using Moderation.Server.Auth;
using Moderation.Testing;

namespace Moderation.Server.Tests.Telemetry;

/// <summary>moderation.ratelimit.degraded reads 0 while limits are shared, 1 once they fell back to per-instance checks.</summary>
public sealed class DegradedGaugeTests : IAsyncLifetime
{
    private readonly ModerationServerFactory _factory = new(replaceServices: services => services.AddSingleton<IRateLimiter, SilentRateLimiter>());

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task DegradedGauge_SharedLimiterSilent_TurnsFromZeroToOne()
    {
        var comments = new CommentService.CommentServiceClient(_factory.ChannelFor(Roles.Site));
        using var gauge = new InstrumentRecorder(_factory.Services.GetRequiredService<IMeterFactory>(), ModerationMetrics.MeterName, "moderation.ratelimit.degraded");
        gauge.Observe();
        double before = Assert.Single(gauge.Measurements).Value;
        gauge.Clear();

        await comments.SubmitCommentAsync(Requests.Submit("Accepted while the limiter is silent."));
        gauge.Observe();

        Assert.Equal(0, before);
        Assert.Equal(1, Assert.Single(gauge.Measurements).Value);
    }
}
