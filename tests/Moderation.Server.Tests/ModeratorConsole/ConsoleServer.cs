using System.Net;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Moderation.Server.Auth;
using Moderation.Server.ModeratorConsole;

namespace Moderation.Server.Tests.ModeratorConsole;

/// <summary>
/// The service on real sockets, gRPC and console each on a free loopback port, with one API key
/// per role: the console's bridge calls the gRPC endpoint over the network, and a browser needs
/// a real address.
/// </summary>
public sealed class ConsoleServer : IAsyncLifetime
{
    /// <summary>The key the test identity provider signs JWTs with.</summary>
    public static readonly byte[] JwtSigningKey = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);

    private readonly KestrelFactory _factory;
    private readonly Dictionary<string, GrpcChannel> _channels = [];

    public ConsoleServer()
        : this(null)
    {
    }

    /// <param name="settings">Settings beyond the test keys and the loopback addresses (a Redis store, say).</param>
    internal ConsoleServer(IReadOnlyDictionary<string, string?>? settings) => _factory = new KestrelFactory(settings);

    /// <summary>Where a browser opens the console.</summary>
    public Uri ConsoleUrl { get; private set; } = null!;

    /// <summary>Where gRPC clients call.</summary>
    public Uri GrpcUrl { get; private set; } = null!;

    /// <summary>The host's services.</summary>
    public IServiceProvider Services => _factory.Services;

    public Task InitializeAsync()
    {
        _factory.StartServer();
        var console = _factory.Services.GetRequiredService<ConsoleEndpoint>();
        ConsoleUrl = new Uri(console.Url);
        string grpc = _factory.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses
            .Single(address => new Uri(address).Port != console.Port);
        GrpcUrl = new Uri(grpc);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        foreach (var channel in _channels.Values)
        {
            channel.Dispose();
        }

        await _factory.DisposeAsync();
    }

    /// <summary>A gRPC channel whose calls carry the test key of <paramref name="role"/>.</summary>
    public GrpcChannel ChannelFor(string role)
    {
        lock (_channels)
        {
            if (!_channels.TryGetValue(role, out var channel))
            {
                var credentials = Grpc.Core.CallCredentials.FromInterceptor((_, metadata) =>
                {
                    metadata.Add("authorization", $"Bearer {ModerationServerFactory.TestKeys[role]}");
                    return Task.CompletedTask;
                });
                channel = GrpcChannel.ForAddress(GrpcUrl, new GrpcChannelOptions
                {
                    Credentials = Grpc.Core.ChannelCredentials.Create(Grpc.Core.ChannelCredentials.Insecure, credentials),
                    UnsafeUseInsecureChannelCallCredentials = true,
                });
                _channels[role] = channel;
            }

            return channel;
        }
    }

    /// <summary>An HTTP client for the console with its own cookie jar: one browser, as far as the server can tell.</summary>
    public HttpClient NewBrowserlikeClient() =>
        new(new SocketsHttpHandler { CookieContainer = new CookieContainer(), UseCookies = true }) { BaseAddress = ConsoleUrl };

    private sealed class KestrelFactory : WebApplicationFactory<Program>
    {
        private readonly IReadOnlyDictionary<string, string?> _settings;

        public KestrelFactory(IReadOnlyDictionary<string, string?>? settings)
        {
            _settings = settings ?? new Dictionary<string, string?>();
            UseKestrel();
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            foreach (var (key, value) in ModerationServerFactory.TestKeySettings())
            {
                builder.UseSetting(key, value);
            }

            builder.UseSetting("Auth:Jwt:Issuer", "https://identity.example.test");
            builder.UseSetting("Auth:Jwt:Audience", "moderation");
            builder.UseSetting("Auth:Jwt:SigningKey", Convert.ToBase64String(JwtSigningKey));
            builder.UseSetting("Kestrel:Endpoints:Grpc:Url", "http://127.0.0.1:0");
            builder.UseSetting("Console:Url", "http://127.0.0.1:0");
            foreach (var (key, value) in _settings)
            {
                builder.UseSetting(key, value);
            }
        }
    }
}

/// <summary>The test key of each role, for signing in.</summary>
internal static class ConsoleKeys
{
    public static string Of(string role) => ModerationServerFactory.TestKeys[role];

    public static string Moderator => Of(Roles.Moderator);
}
