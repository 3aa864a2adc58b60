using Grpc.Health.V1;
using Microsoft.Extensions.DependencyInjection;
using Moderation.Api.V1;
using Moderation.Core.RateLimiting;
using Moderation.Server.Auth;
using Moderation.Testing;
using GrpcHealth = Grpc.Health.V1.Health;

namespace Moderation.Server.Tests;

/// <summary>
/// The shared limiter stops answering: comments still flow (fail open), the logs say so, and
/// health reports the degradation under its own service name while the service stays SERVING.
/// </summary>
public sealed class DegradedLimitsTests : IAsyncLifetime
{
    private readonly ModerationServerFactory _factory = new(replaceServices: services => services.AddSingleton<IRateLimiter, SilentRateLimiter>());

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task SubmitComment_SharedLimiterSilent_FailsOpenAndHealthShowsDegradedLimits()
    {
        var health = new GrpcHealth.HealthClient(_factory.ChannelWithToken(null));
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, (await health.CheckAsync(new HealthCheckRequest { Service = "moderation.v1.RateLimits" })).Status);

        var reply = await new CommentService.CommentServiceClient(_factory.ChannelFor(Roles.Site)).SubmitCommentAsync(Requests.Submit("Still accepted."));

        Assert.Equal(Verdict.Approved, reply.Decision.Verdict);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.NotServing, (await health.CheckAsync(new HealthCheckRequest { Service = "moderation.v1.RateLimits" })).Status);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, (await health.CheckAsync(new HealthCheckRequest())).Status);
        Assert.Contains(_factory.Logs.Lines, l => l.Contains("[3001]", StringComparison.Ordinal));
    }
}
