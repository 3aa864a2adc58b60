namespace Moderation.Server.Auth;

/// <summary>
/// A random admin key made at start-up when no credential of any kind is configured, so the
/// README's run command works with nothing set up. It exists only in this process's memory.
/// </summary>
internal sealed record DevelopmentKey(string? Key)
{
    public void Announce(ILogger logger)
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
        Console.Error.WriteLine($"  grpcurl -plaintext -H 'authorization: Bearer {Key}' 127.0.0.1:5000 list");
    }
}
