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
        int before = ranges.Count;
        int links = 0;
        foreach (var link in found)
        {
            if (Contains(_allowed, link.Host))
            {
                continue;
            }

            links++;
            bool matches = match switch
            {
                LinkMatch.Domains => Contains(_domains, link.Host),
                LinkMatch.Shorteners => Contains(KnownShorteners, link.Host),
                _ => true,
            };
            if (matches)
            {
                ranges.Add((link.Start, link.End));
            }
        }

        if (match == LinkMatch.MoreThan && links <= max)
        {
            ranges.RemoveRange(before, ranges.Count - before);
        }

        return ranges.Count > before;
    }

    /// <summary>Whether <paramref name="host"/> is one of <paramref name="domains"/> or a subdomain of one.</summary>
    private static bool Contains(IReadOnlyList<string> domains, string host)
    {
        foreach (string domain in domains)
        {
            if (LinkFinder.IsWithin(host, domain))
            {
                return true;
            }
        }

        return false;
    }

    public override string Describe() => match switch
    {
        LinkMatch.Domains => "Links to a listed domain.",
        LinkMatch.Shorteners => "Links through a URL shortener.",
        LinkMatch.Any => "Contains a link.",
        _ => $"More than {max} links.",
    };
}
