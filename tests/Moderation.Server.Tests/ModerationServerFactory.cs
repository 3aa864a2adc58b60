using System.Collections.Concurrent;
using System.Net.Http.Headers;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Moderation.Server.Auth;

namespace Moderation.Server.Tests;

/// <summary>
/// The real service host on the test server, configured through the same settings an operator
/// would use, with one API key per role (configured as hashes, as in production). Channels go
/// through the test server's handler: no sockets, real gRPC framing. Every log line is kept.
/// </summary>
public sealed class ModerationServerFactory : WebApplicationFactory<Program>
{
    /// <summary>The test API key of each role; the host knows only their SHA-256.</summary>
    public static readonly IReadOnlyDictionary<string, string> TestKeys = new Dictionary<string, string>
    {
        [Roles.Site] = "mod_test_site_3c9f0b1e7a",
        [Roles.Moderator] = "mod_test_moderator_81d2e4",
        [Roles.Admin] = "mod_test_admin_55aa0f9c2b",
    };

    private readonly IReadOnlyDictionary<string, string?> _settings;
    private readonly ConcurrentDictionary<string, GrpcChannel> _channels = new();

    private readonly Action<IServiceCollection>? _replaceServices;

    public ModerationServerFactory(IReadOnlyDictionary<string, string?>? settings = null, bool withTestKeys = true, Action<IServiceCollection>? replaceServices = null)
    {
        _replaceServices = replaceServices;
        var all = withTestKeys ? TestKeySettings() : [];

        foreach (var (name, value) in settings ?? new Dictionary<string, string?>())
        {
            all[name] = value;
        }

        _settings = all;
    }

    public CapturedLogs Logs { get; } = new();

    /// <summary>The settings that configure one API key per role, named "{role}-test", as hashes.</summary>
    public static Dictionary<string, string?> TestKeySettings()
    {
        var settings = new Dictionary<string, string?>();
        int i = 0;
        foreach (var (role, key) in TestKeys)
        {
            settings[$"Auth:ApiKeys:{i}:Name"] = role + "-test";
            settings[$"Auth:ApiKeys:{i}:Role"] = role;
            settings[$"Auth:ApiKeys:{i}:Sha256"] = Convert.ToHexString(ApiKeyStore.Digest(key));
            i++;
        }

        return settings;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        if (_replaceServices is not null)
        {
            builder.ConfigureTestServices(_replaceServices);
        }
    }

    /// <summary>A channel whose calls carry the test key of <paramref name="role"/>.</summary>
    public GrpcChannel ChannelFor(string role) => _channels.GetOrAdd(role, r => ChannelWithToken(TestKeys[r]));

    /// <summary>A channel whose calls carry <c>authorization: Bearer token</c>, or no credential when null.</summary>
    public GrpcChannel ChannelWithToken(string? token)
    {
        HttpMessageHandler handler = Server.CreateHandler();
        if (token is not null)
        {
            handler = new BearerHandler(token) { InnerHandler = handler };
        }

        return GrpcChannel.ForAddress(Server.BaseAddress, new GrpcChannelOptions { HttpHandler = handler });
    }

    protected override void Dispose(bool disposing)
    {
        foreach (var channel in _channels.Values)
        {
            channel.Dispose();
        }

        base.Dispose(disposing);
    }

    private sealed class BearerHandler(string token) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
