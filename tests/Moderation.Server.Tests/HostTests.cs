using Grpc.Health.V1;
using GrpcHealth = Grpc.Health.V1.Health;
using Grpc.Reflection.V1;
using Microsoft.Extensions.DependencyInjection;

namespace Moderation.Server.Tests;

public sealed class HostTests(InMemoryServer server) : IClassFixture<InMemoryServer>
{
    [Fact]
    public async Task Reflection_ListsTheThreeServicesAndHealth()
    {
        var client = new ServerReflection.ServerReflectionClient(server.Factory.ChannelWithToken(null));
        using var call = client.ServerReflectionInfo();

        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" });
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext(default));
        var names = call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name).ToList();

        Assert.Contains("moderation.v1.CommentService", names);
        Assert.Contains("moderation.v1.ModerationService", names);
        Assert.Contains("moderation.v1.RulesService", names);
        Assert.Contains("grpc.health.v1.Health", names);
    }

    [Fact]
    public async Task Reflection_AnonymousNotAllowed_NeedsACredential()
    {
        await using var factory = new ModerationServerFactory(new Dictionary<string, string?> { ["Auth:AllowAnonymousReflection"] = "false" });

        async Task<Grpc.Core.StatusCode> ListServices(Grpc.Net.Client.GrpcChannel channel)
        {
            using var call = new ServerReflection.ServerReflectionClient(channel).ServerReflectionInfo();
            try
            {
                await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" });
                await call.RequestStream.CompleteAsync();
            }
            catch (Exception ex) when (ex is Grpc.Core.RpcException or InvalidOperationException)
            {
                // A refused call may already be complete when the request is written; the
                // response below carries the status that says why.
            }

            try
            {
                await call.ResponseStream.MoveNext(default);
                return Grpc.Core.StatusCode.OK;
            }
            catch (Grpc.Core.RpcException ex)
            {
                return ex.StatusCode;
            }
        }

        Assert.Equal(Grpc.Core.StatusCode.Unauthenticated, await ListServices(factory.ChannelWithToken(null)));
        Assert.Equal(Grpc.Core.StatusCode.OK, await ListServices(factory.ChannelFor(Moderation.Server.Auth.Roles.Site)));
    }

    [Fact]
    public async Task HealthCheck_InMemory_IsServing()
    {
        var reply = await new GrpcHealth.HealthClient(server.Factory.ChannelWithToken(null)).CheckAsync(new HealthCheckRequest());

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, reply.Status);
    }

    [Fact]
    public void Start_InvalidRulesFile_FailsWithTheLineOfTheProblem()
    {
        string path = Path.Combine(Path.GetTempPath(), Requests.NewId("rules") + ".yaml");
        File.WriteAllText(path, "rules:\n  - id: a\n    action: explode\n    terms: [x]\n");
        try
        {
            using var factory = new ModerationServerFactory(new Dictionary<string, string?> { ["Rules:Path"] = path });

            var error = Assert.ThrowsAny<Exception>(() => factory.Server);

            Assert.Contains("(3,13)", error.ToString(), StringComparison.Ordinal);
            Assert.Contains("explode", error.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Start_MissingRulesFile_FailsNamingTheSetting()
    {
        using var factory = new ModerationServerFactory(new Dictionary<string, string?> { ["Rules:Path"] = "/nonexistent/rules.yaml" });

        var error = Assert.ThrowsAny<Exception>(() => factory.Server);

        Assert.Contains("Rules:Path", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("127.0.0.1:6390,bogusOption=1")]
    [InlineData(",")]
    public void Start_MalformedRedisConfiguration_FailsNamingTheSetting(string configuration)
    {
        using var factory = new ModerationServerFactory(new Dictionary<string, string?> { ["Redis:Configuration"] = configuration });

        var error = Assert.ThrowsAny<Exception>(() => factory.Server);

        Assert.Contains("Redis:Configuration", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Redis:HashTag", "{wf}")]
    [InlineData("Redis:KeyPrefix", "")]
    public void Start_MalformedKeyPart_FailsNamingTheSetting(string setting, string value)
    {
        using var factory = new ModerationServerFactory(new Dictionary<string, string?> { [setting] = value });

        var error = Assert.ThrowsAny<Exception>(() => factory.Server);

        Assert.Contains(setting.Split(':')[1], error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Start_OutOfRangeRateLimit_FailsNamingTheOption()
    {
        using var factory = new ModerationServerFactory(new Dictionary<string, string?> { ["RateLimits:Limits:0:PermitLimit"] = "0" });

        var error = Assert.ThrowsAny<Exception>(() => factory.Server);

        Assert.Contains("RateLimits:Limits", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Start_ConsoleDisabled_RegistersNoConsoleAndNoListener()
    {
        using var factory = new ModerationServerFactory(new Dictionary<string, string?> { ["Console:Enabled"] = "false" });

        _ = factory.Server;

        Assert.Null(factory.Services.GetService<Moderation.Server.ModeratorConsole.ConsoleEndpoint>());
        Assert.Null(factory.Services.GetService<Moderation.Server.ModeratorConsole.GrpcJsonBridge>());
    }

    [Fact]
    public void Start_BadConsoleSettings_FailsNamingEveryOne()
    {
        using var factory = new ModerationServerFactory(new Dictionary<string, string?>
        {
            ["Console:Url"] = "https://moderation.example.com:5080",
            ["Console:SessionIdleTimeout"] = "00:00:30",
        });

        string error = Assert.ThrowsAny<Exception>(() => factory.Server).ToString();

        Assert.Contains("Console:Url", error, StringComparison.Ordinal);
        Assert.Contains("Console:SessionIdleTimeout", error, StringComparison.Ordinal);
    }
}

public sealed class RedisHealthTests(RedisBackedServer server) : IClassFixture<RedisBackedServer>
{
    [Fact]
    public async Task HealthCheck_RedisUpThenDown_GoesFromServingToNotServing()
    {
        var health = new GrpcHealth.HealthClient(server.Factory.ChannelWithToken(null));
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, (await health.CheckAsync(new HealthCheckRequest())).Status);

        await server.Redis.StopAsync();

        await HealthPolling.WaitForAsync(
            server.Factory.ChannelWithToken(null), HealthCheckResponse.Types.ServingStatus.NotServing, TimeSpan.FromSeconds(20), "Health did not report the Redis outage in time.");
    }
}
