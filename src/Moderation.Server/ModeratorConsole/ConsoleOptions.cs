using System.Net;
using Microsoft.Extensions.Options;

namespace Moderation.Server.ModeratorConsole;

/// <summary>The moderator console (configuration section <c>Console</c>): a web page for moderators on its own endpoint.</summary>
public sealed class ConsoleOptions
{
    public const string SectionName = "Console";

    /// <summary>Whether the console is served. Default true; false serves no page and opens no port.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Where the console listens: <c>http://</c>, an IP address (or <c>localhost</c>, or
    /// <c>0.0.0.0</c> for every interface) and a port from 0 (any free one) to 65535. Default
    /// <c>http://127.0.0.1:5080</c>. Browsers speak HTTP/1.1 here; in production put TLS in front
    /// (a reverse proxy), and the session cookie is marked Secure on requests that came over TLS.
    /// </summary>
    public string Url { get; set; } = "http://127.0.0.1:5080";

    /// <summary>How long a signed-in moderator may stay idle before signing in again: 5 minutes to 7 days. Default 8 hours.</summary>
    public TimeSpan SessionIdleTimeout { get; set; } = TimeSpan.FromHours(8);

    /// <summary>
    /// The gRPC address the console's server side calls with the moderator's credential. Empty
    /// (the default) means this server's own gRPC endpoint on the loopback interface.
    /// </summary>
    public string? GrpcAddress { get; set; }

    /// <summary>The address and port of <see cref="Url"/>, or null when it is not one this console can listen on.</summary>
    public IPEndPoint? ListenEndPoint()
    {
        if (!Uri.TryCreate(Url, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp || uri.AbsolutePath != "/" || uri.Port is < 0 or > 65535)
        {
            return null;
        }

        var address = uri.Host switch
        {
            "localhost" => IPAddress.Loopback,
            "0.0.0.0" or "*" or "+" => IPAddress.Any,
            "[::]" => IPAddress.IPv6Any,
            _ => IPAddress.TryParse(uri.Host, out var parsed) ? parsed : null,
        };
        return address is null ? null : new IPEndPoint(address, uri.Port);
    }
}

/// <summary>Checks every console setting at start-up and names every problem at once.</summary>
internal sealed class ConsoleOptionsValidator : IValidateOptions<ConsoleOptions>
{
    public ValidateOptionsResult Validate(string? name, ConsoleOptions options)
    {
        var problems = new List<string>();
        if (options.Enabled && options.ListenEndPoint() is null)
        {
            problems.Add($"Console:Url '{options.Url}' must be http:// with an IP address, localhost or 0.0.0.0 and a port, e.g. http://127.0.0.1:5080.");
        }

        if (options.SessionIdleTimeout < TimeSpan.FromMinutes(5) || options.SessionIdleTimeout > TimeSpan.FromDays(7))
        {
            problems.Add($"Console:SessionIdleTimeout {options.SessionIdleTimeout} must be from 00:05:00 to 7.00:00:00.");
        }

        if (!string.IsNullOrEmpty(options.GrpcAddress) && !Uri.TryCreate(options.GrpcAddress, UriKind.Absolute, out _))
        {
            problems.Add($"Console:GrpcAddress '{options.GrpcAddress}' must be an absolute URL, e.g. http://127.0.0.1:5000.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
