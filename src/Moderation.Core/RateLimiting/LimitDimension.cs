namespace Moderation.Core.RateLimiting;

/// <summary>What a limit counts per.</summary>
public enum LimitDimension
{
    Author,

    /// <summary>The client address: IPv4 per address, IPv6 per network prefix (a /64 by default).</summary>
    Ip,

    /// <summary>All comments under one article: brigades piling onto a story.</summary>
    Article,

    /// <summary>One author under one article.</summary>
    AuthorArticle,

    /// <summary>Every comment the service receives.</summary>
    Global,
}
