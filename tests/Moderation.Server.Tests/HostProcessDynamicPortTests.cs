using System.Text.RegularExpressions;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Moderation.Testing;

namespace Moderation.Server.Tests;

/// <summary>
/// The built service told to take any free port (<c>Kestrel__Endpoints__Grpc__Url=http://127.0.0.1:0</c>):
/// the grpcurl example it prints beside the development key names the port it was given.
/// </summary>
public sealed partial class HostProcessDynamicPortTests : IAsyncLifetime
{
    private ServiceProcess _service = null!;

    public Task InitializeAsync()
    {
        _service = new ServiceProcess(
            Path.Combine(AppContext.BaseDirectory, "Moderation.Server.dll"),
            new Dictionary<string, string>
            {
                ["Kestrel__Endpoints__Grpc__Url"] = "http://127.0.0.1:0",
                ["Console__Url"] = "http://127.0.0.1:0",
            });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _service.DisposeAsync();

    [Fact]
    public async Task Announce_GrpcPortZero_ExampleNamesTheBoundPort()
    {
        string key = await _service.KeyAsync();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        Match? example = null;
        while (DateTime.UtcNow < deadline && example is null)
        {
            example = _service.StandardError.Select(line => GrpcurlExample().Match(line)).FirstOrDefault(m => m.Success);
            if (example is null)
            {
                await Task.Delay(50);
            }
        }

        Assert.NotNull(example);
        Assert.Equal(key, example.Groups["key"].Value);
        int port = int.Parse(example.Groups["port"].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.NotEqual(0, port);
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{port}");
        var health = await new Grpc.Health.V1.Health.HealthClient(channel).CheckAsync(new HealthCheckRequest(), new Metadata { { "authorization", "Bearer " + key } });
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);
    }

    [GeneratedRegex(@"grpcurl -plaintext -H 'authorization: Bearer (?<key>\S+)' 127\.0\.0\.1:(?<port>\d+) list")]
    private static partial Regex GrpcurlExample();
}
