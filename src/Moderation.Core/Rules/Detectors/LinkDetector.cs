namespace Moderation.Core.Rules.Detectors;

/// <summary>What a link rule looks for.</summary>
public enum LinkMatch
{
    /// <summary>Links to the listed domains or their subdomains.</summary>
    Domains,

    /// <summary>Links through URL shorteners, which hide where they lead.</summary>
    Shorteners,

    /// <summary>Any link not to an allowed domain.</summary>
    Any,

    /// <summary>More than the maximum number of links not to an allowed domain.</summary>
    MoreThan,
}

/// <summary>A link rule: domain deny lists, shorteners, any link, or too many links.</summary>
public sealed class LinkDetector(LinkMatch match, IReadOnlyCollection<string> domains, IReadOnlyCollection<string> allowed, int max) : RuleDetector
{
    public static readonly IReadOnlyList<string> KnownShorteners =
    [
        "bit.ly", "bitly.com", "tinyurl.com", "t.co", "goo.gl", "ow.ly", "is.gd", "buff.ly", "cutt.ly", "rebrand.ly",
        "shorturl.at", "tiny.cc", "rb.gy", "t.ly", "s.id", "v.gd", "bl.ink", "lnkd.in", "qr.ae", "adf.ly", "shorte.st",
    ];

    private readonly string[] _domains = domains.Select(LinkFinder.HostOf).ToArray();
    private readonly string[] _allowed = allowed.Select(LinkFinder.HostOf).ToArray();

    public override bool Detect(string text, EvaluationContext context, List<(int Start, int End)> ranges)
    {
        ArgumentNullException.ThrowIfNull(ranges);
        var found = LinkFinder.FindAll(text, anyTopLevelDomain: match == LinkMatch.Domains);
        if (found.Count == 0)
        {
            return false;
        }

        var links = found.Where(link => !_allowed.Any(a => LinkFinder.IsWithin(link.Host, a))).ToList();
        var matching = match switch
        {
            LinkMatch.Domains => links.Where(link => _domains.Any(d => LinkFinder.IsWithin(link.Host, d))).ToList(),
            LinkMatch.Shorteners => links.Where(link => KnownShorteners.Any(d => LinkFinder.IsWithin(link.Host, d))).ToList(),
            LinkMatch.Any => links,
            _ => links.Count > max ? links : [],
        };
        ranges.AddRange(matching.Select(link => (link.Start, link.End)));
        return matching.Count > 0;
    }

    public override string Describe() => match switch
    {
        LinkMatch.Domains => "Links to a listed domain.",
        LinkMatch.Shorteners => "Links through a URL shortener.",
        LinkMatch.Any => "Contains a link.",
        _ => $"More than {max} links.",
    };
}
