using Grpc.Health.V1;
using Grpc.Net.Client;
using GrpcHealth = Grpc.Health.V1.Health;

namespace Moderation.Server.Tests;

internal static class HealthPolling
{
    /// <summary>
    /// Polls Health/Check (which runs the checks afresh each time) until it reports
    /// <paramref name="wanted"/>, failing with <paramref name="why"/> after <paramref name="timeout"/>.
    /// </summary>
    public static async Task WaitForAsync(GrpcChannel channel, HealthCheckResponse.Types.ServingStatus wanted, TimeSpan timeout, string why)
    {
        var health = new GrpcHealth.HealthClient(channel);
        var deadline = DateTime.UtcNow + timeout;
        while ((await health.CheckAsync(new HealthCheckRequest())).Status != wanted)
        {
            Assert.True(DateTime.UtcNow < deadline, why);
            await Task.Delay(100);
        }
    }
}
