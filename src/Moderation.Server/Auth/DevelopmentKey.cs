namespace Moderation.Server.Auth;

/// <summary>
/// A random admin key made at start-up when no credential of any kind is configured, so the
/// README's run command works with nothing set up. It exists only in this process's memory.
/// </summary>
internal sealed record DevelopmentKey(string? Key)
{
    /// <param name="grpcUrl">The gRPC endpoint's configured URL (<c>Kestrel:Endpoints:Grpc:Url</c>), for the example command.</param>
    /// <param name="boundGrpcUrl">
    /// The gRPC endpoint's address once the server has started: a configured port of 0 is only
    /// known then, so the example waits for it.
    /// </param>
    public void Announce(ILogger logger, string? grpcUrl, IHostApplicationLifetime lifetime, Func<string?> boundGrpcUrl)
    {
        if (Key is null)
        {
            return;
        }

        ServerLog.DevelopmentKeyGenerated(logger);

        // Printed rather than logged: log pipelines keep what they receive, and this key is a
        // secret (valid until the process stops). On standard error, where notices for the person
        // at the terminal go: standard output carries the log, which may be JSON lines
        // (Logging:Console:FormatterName=json) that a line of plain text would break.
        Console.Error.WriteLine($"Development API key (role admin, valid until this process stops): {Key}");
        string plaintext = grpcUrl?.StartsWith("https:", StringComparison.OrdinalIgnoreCase) == true ? "" : "-plaintext ";
        string target = GrpcurlTarget(grpcUrl);
        if (!target.EndsWith(":0", StringComparison.Ordinal))
        {
            Console.Error.WriteLine($"  grpcurl {plaintext}-H 'authorization: Bearer {Key}' {target} list");
            return;
        }

        lifetime.ApplicationStarted.Register(() =>
        {
            string bound = boundGrpcUrl() is { } url ? GrpcurlTarget(url) : target;
            Console.Error.WriteLine($"  grpcurl {plaintext}-H 'authorization: Bearer {Key}' {bound} list");
        });
    }

    /// <summary>
    /// The host:port grpcurl dials for the endpoint: a wildcard host (every interface) is
    /// reached on the loopback address, and without a URL the shipped default is meant.
    /// </summary>
    internal static string GrpcurlTarget(string? grpcUrl)
    {
        // Kestrel's wildcards '*' and '+' are not valid URI hosts; they mean every interface, as 0.0.0.0 does.
        string? url = grpcUrl?.Replace("://*:", "://0.0.0.0:", StringComparison.Ordinal).Replace("://+:", "://0.0.0.0:", StringComparison.Ordinal);
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return "127.0.0.1:5000";
        }

        string host = uri.Host is "0.0.0.0" or "[::]" ? "127.0.0.1" : uri.Host;
        return $"{host}:{uri.Port}";
    }
}
