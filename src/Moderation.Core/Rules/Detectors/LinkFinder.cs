using System.Globalization;
using System.Text.RegularExpressions;

namespace Moderation.Core.Rules.Detectors;

/// <summary>A link found in a comment: where it stands and the host it points at (lower-case, ASCII form).</summary>
public readonly record struct Link(int Start, int End, string Host);

/// <summary>
/// Finds links: URLs with a scheme, www. addresses and bare domains, also defanged (hxxp://,
/// example[.]com, example(dot)com) and internationalised. A bare domain counts only with a
/// known top-level domain in lower case, so "e.g.", "file.txt" and "the end.It was" are text.
/// </summary>
public static partial class LinkFinder
{
    private static readonly IdnMapping Idn = new();

    private static readonly HashSet<string> KnownTopLevelDomains = new(StringComparer.Ordinal)
    {
        "com", "net", "org", "info", "biz", "io", "co", "me", "tv", "app", "dev", "xyz", "online", "site", "top", "club",
        "shop", "store", "live", "news", "blog", "link", "click", "win", "vip", "icu", "buzz", "cc", "ws", "gg", "ly", "to",
        "uk", "de", "fr", "ru", "cn", "jp", "br", "in", "it", "es", "nl", "pl", "se", "no", "fi", "dk", "ch", "at", "be",
        "au", "ca", "us", "eu", "ua", "by", "kz", "tr", "ir", "gr", "pt", "cz", "ro", "hu", "sk", "bg", "rs", "hr", "si",
        "lt", "lv", "ee", "il", "sa", "ae", "eg", "za", "ng", "ke", "mx", "ar", "cl", "pe", "ve", "nz", "sg", "hk", "tw",
        "kr", "vn", "th", "my", "id", "ph", "pk", "bd", "su", "xn--p1ai", "xn--90ais", "xn--j1amh",
    };

    [ThreadStatic]
    private static string? t_text;

    [ThreadStatic]
    private static List<Link>? t_links;

    [ThreadStatic]
    private static List<Link>? t_linksAnyTopLevel;

    /// <summary>
    /// The links in <paramref name="text"/>. The answer for the last text seen on this thread is
    /// kept, so the link rules and the limits' link cost share one scan of a comment; the list
    /// is valid until the next call with another text on the same thread.
    /// </summary>
    /// <param name="anyTopLevelDomain">
    /// Accept bare domains whatever their top-level domain: right when the caller compares the
    /// hosts with a list of its own, which is specific enough not to mistake text for a link.
    /// </param>
    public static IReadOnlyList<Link> FindAll(string text, bool anyTopLevelDomain = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        var links = t_links ??= [];
        var linksAnyTopLevel = t_linksAnyTopLevel ??= [];
        if (!ReferenceEquals(text, t_text))
        {
            Scan(text, links, linksAnyTopLevel);
            t_text = text;
        }

        return anyTopLevelDomain ? linksAnyTopLevel : links;
    }

    private static void Scan(string text, List<Link> links, List<Link> linksAnyTopLevel)
    {
        links.Clear();
        linksAnyTopLevel.Clear();

        // Most comments hold no link: look for a candidate without allocating before reading groups.
        if (!LinkPattern().IsMatch(text))
        {
            return;
        }

        foreach (Match match in LinkPattern().Matches(text))
        {
            // The domain of an e-mail address is not a link; contact rules handle addresses.
            if (match.Index > 0 && text[match.Index - 1] == '@')
            {
                continue;
            }

            string host = HostOf(match.Groups["host"].Value);
            bool explicitLink = match.Groups["scheme"].Success || host.StartsWith("www.", StringComparison.Ordinal);
            var link = new Link(match.Index, match.Index + match.Length, host);
            linksAnyTopLevel.Add(link);
            bool knownTopLevel = KnownTopLevelDomains.Contains(host[(host.LastIndexOf('.') + 1)..]);
            if (explicitLink || (knownTopLevel && !match.Groups["tld"].Value.Any(char.IsUpper)))
            {
                links.Add(link);
            }
        }
    }

    /// <summary>The host in a comparable form: defanged dots restored, lower-case, punycode for IDN.</summary>
    public static string HostOf(string written)
    {
        ArgumentNullException.ThrowIfNull(written);
        string host = DefangedDot().Replace(written, ".").ToLowerInvariant().TrimEnd('.');
        try
        {
            return Idn.GetAscii(host);
        }
        catch (ArgumentException)
        {
            return host;
        }
    }

    /// <summary>Whether <paramref name="host"/> is <paramref name="domain"/> or one of its subdomains.</summary>
    public static bool IsWithin(string host, string domain) =>
        host == domain || (host.Length > domain.Length && host.EndsWith(domain, StringComparison.Ordinal) && host[^(domain.Length + 1)] == '.');

    [GeneratedRegex(@"(?<scheme>(h[tx]{2}ps?|ftp)(://|\[://\]|\[:\]//))?(?<host>([\p{L}\p{N}]([\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?(\.|\[\.\]|\(\.\)|\[dot\]|\(dot\)))+(?<tld>\p{L}{2,24}|xn--[a-z0-9-]{1,59}))(:\d{1,5})?([/?#][^\s<>""]*)?", RegexOptions.NonBacktracking | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LinkPattern();

    [GeneratedRegex(@"\[\.\]|\(\.\)|\[dot\]|\(dot\)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DefangedDot();
}
