namespace Moderation.Server.Extensions;

internal static class ModerationHost
{
    /// <summary>
    /// The host's options. The shipped settings (HTTP/2 endpoint, rate limits) live in
    /// appsettings.json beside the binary; ASP.NET Core looks for it in the working directory,
    /// so a service started from anywhere else would run silently without them. The binary's
    /// directory is the content root unless the working directory has settings of its own
    /// (as under `dotnet run`) or the caller names one (--contentRoot).
    /// </summary>
    public static WebApplicationOptions Options(string[] args)
    {
        bool ownSettingsHere = File.Exists(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"));
        bool named = args.Any(a => a.StartsWith("--contentRoot", StringComparison.OrdinalIgnoreCase));
        return new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = ownSettingsHere || named ? null : AppContext.BaseDirectory,
        };
    }
}
