using System.Collections.Frozen;
using System.Security.Cryptography;

namespace Moderation.Server.ModeratorConsole;

/// <summary>
/// The console's page, script and styles, built into the server assembly: nothing is fetched
/// from elsewhere, so the console works on an isolated network and ships with the binary.
/// </summary>
internal static class ConsoleAssets
{
    private const string ResourcePrefix = "console/";

    private static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml",
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<string, (byte[] Content, string ContentType, string ETag)> Files = Load();

    /// <summary>Every asset's path, for mapping.</summary>
    public static IEnumerable<string> Paths => Files.Keys;

    public static async Task ServeAsync(HttpContext http, string path)
    {
        var (content, contentType, etag) = Files[path];
        SecurityHeaders(http.Response);
        http.Response.Headers.ETag = etag;
        http.Response.Headers.CacheControl = "no-cache";
        if (http.Request.Headers.IfNoneMatch == etag)
        {
            http.Response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        http.Response.ContentType = contentType;
        http.Response.ContentLength = content.Length;
        await http.Response.Body.WriteAsync(content, http.RequestAborted);
    }

    /// <summary>Only this origin's script and styles run, nothing frames the page, and no address leaks out.</summary>
    public static void SecurityHeaders(HttpResponse response)
    {
        response.Headers.ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers["Referrer-Policy"] = "no-referrer";
    }

    private static FrozenDictionary<string, (byte[], string, string)> Load()
    {
        var assembly = typeof(ConsoleAssets).Assembly;
        var files = new Dictionary<string, (byte[], string, string)>(StringComparer.Ordinal);
        foreach (string name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            byte[] content = copy.ToArray();
            string path = "/" + name[ResourcePrefix.Length..];
            string etag = $"\"{Convert.ToHexStringLower(SHA256.HashData(content))[..16]}\"";
            files[path] = (content, ContentTypes.GetValueOrDefault(Path.GetExtension(path), "application/octet-stream"), etag);
        }

        return files.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
