using System.Net;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Moderation.Server.ModeratorConsole;

/// <summary>
/// The console's own listener. Connections that arrive on it are marked, so the console's pages
/// answer only there and the gRPC API only on its own endpoints.
/// </summary>
internal sealed class ConsoleEndpoint
{
    private const string ConnectionMark = "moderation.console";
    private ListenOptions? _listener;

    /// <summary>The port the console listens on once bound (the configured one, or the one a port of 0 was given).</summary>
    public int Port => (_listener?.IPEndPoint?.Port) ?? -1;

    /// <summary>The console's address as a browser reaches it.</summary>
    public string Url
    {
        get
        {
            var endPoint = _listener?.IPEndPoint ?? new IPEndPoint(IPAddress.Loopback, Port);
            string host = endPoint.Address.Equals(IPAddress.Any) || endPoint.Address.Equals(IPAddress.IPv6Any) ? "127.0.0.1"
                : endPoint.Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{endPoint.Address}]"
                : endPoint.Address.ToString();
            return $"http://{host}:{endPoint.Port}";
        }
    }

    /// <summary>
    /// Adds the console's listener to Kestrel. It speaks HTTP/1.1: browsers do not speak HTTP/2
    /// without TLS, and the listener has none (TLS, and HTTP/2 with it, belong to the proxy in front).
    /// </summary>
    public void Listen(KestrelServerOptions kestrel, IPEndPoint endPoint)
    {
        kestrel.Listen(endPoint, listener =>
        {
            listener.Protocols = HttpProtocols.Http1;
            listener.Use(next => connection =>
            {
                connection.Items[ConnectionMark] = true;
                return next(connection);
            });
            _listener = listener;
        });
    }

    /// <summary>
    /// The address of this server's gRPC endpoint once it is bound (the first one that is not the
    /// console's), as a client dials it; null before the server starts.
    /// </summary>
    public static string? OwnGrpcAddress(IServer server, ConsoleEndpoint? console)
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        foreach (string address in addresses)
        {
            var uri = new Uri(address.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal));
            if (uri.Port == console?.Port)
            {
                continue;
            }

            // An endpoint bound to every interface is reached on the loopback one.
            string host = uri.Host is "0.0.0.0" or "[::]" ? "127.0.0.1" : uri.Host;
            return $"{uri.Scheme}://{(host.Contains(':', StringComparison.Ordinal) && !host.StartsWith('[') ? $"[{host}]" : host)}:{uri.Port}";
        }

        return null;
    }

    /// <summary>Whether the request came in on the console's listener.</summary>
    public static bool IsConsoleConnection(HttpContext http) =>
        http.Features.Get<IConnectionItemsFeature>()?.Items.ContainsKey(ConnectionMark) == true;
}

/// <summary>Marks the console's endpoints, which answer only on the console's listener.</summary>
internal sealed class ConsoleEndpointMetadata;
