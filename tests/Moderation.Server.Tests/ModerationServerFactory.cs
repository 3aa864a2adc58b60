using Grpc.Net.Client;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Moderation.Server.Tests;

/// <summary>
/// The real service host on the test server, configured through the same settings an operator
/// would use. Channels go through the test server's handler: no sockets, real gRPC framing.
/// </summary>
public sealed class ModerationServerFactory(IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<Program>
{
    public ModerationServerFactory()
        : this(new Dictionary<string, string?>())
    {
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }

    public GrpcChannel CreateChannel() =>
        GrpcChannel.ForAddress(Server.BaseAddress, new GrpcChannelOptions { HttpHandler = Server.CreateHandler() });
}
