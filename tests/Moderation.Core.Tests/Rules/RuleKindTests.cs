using Moderation.Core.Decisions;
using Moderation.Core.Rules;

namespace Moderation.Core.Tests.Rules;

/// <summary>Regex, link, contact and spam rules: what each catches, and the innocent text it leaves alone.</summary>
public sealed class RuleKindTests
{
    private static readonly RuleSet Rules = RuleSetParser.Parse("""
        rules:
          - id: crypto-wallet
            action: hold
            regex: '\b[13][a-km-zA-HJ-NP-Z1-9]{25,34}\b'
          - id: email
            action: censor
            contact: [email]
          - id: phone
            action: hold
            contact: [phone]
          - id: card
            action: reject
            contact: [card]
          - id: denied-domains
            action: reject
            links: { domains: [spam.example, casino.test] }
          - id: shorteners
            action: hold
            links: { shorteners: true }
          - id: too-many-links
            action: hold
            links: { max: 2, allow: [news.example] }
          - id: shouting
            action: hold
            spam: { caps_ratio: 0.8, min_letters: 12 }
          - id: stretched
            action: hold
            spam: { repeated_characters: 8 }
          - id: repeated-words
            action: hold
            spam: { repeated_words: 4 }
          - id: emoji-flood
            action: hold
            spam: { symbol_ratio: 0.6, min_characters: 8 }
          - id: too-long
            action: hold
            spam: { max_length: 200 }
          - id: too-short
            action: flag
            spam: { min_length: 3 }
        """, "kinds", DateTimeOffset.UnixEpoch);

    private static List<string> RuleIds(string text) => Rules.Evaluate(text).Reasons.Select(r => r.RuleId).ToList();

    private static IReadOnlyList<TextSpan> SpansOf(string text, string rule) => Rules.Evaluate(text).Reasons.Single(r => r.RuleId == rule).Spans;

    [Fact]
    public void Regex_Matches_WithItsSpan()
    {
        Assert.Equal([new TextSpan(5, 39)], SpansOf("Send 1BoatSLRHtKNngkdXEeobR76b53LETtpyT now", "crypto-wallet"));
    }

    [Theory]
    [InlineData("Write to jane.doe+news@example.co.uk today", 9, 36)]
    [InlineData("jane dot doe at gmail dot com", 9, 29)]
    [InlineData("mail me: jane (at) gmail (dot) com", 9, 34)]
    [InlineData("reach me at jane[at]protonmail[dot]com", 12, 38)]
    [InlineData("Tell me. Some time ago at mail.ru I met jane at gmail dot com", 40, 61)]
    [InlineData("write jane at outloo\u212A dot com", 6, 29)]
    public void Contact_Email_IsFoundAndCensored(string text, int start, int end)
    {
        var decision = Rules.Evaluate(text);

        Assert.Contains(new TextSpan(start, end), decision.Reasons.Single(r => r.RuleId == "email").Spans);
        Assert.Contains("*****", decision.CensoredText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Call +44 20 7946 0958 now")]
    [InlineData("Call +1 (555) 123-4567 now")]
    [InlineData("Call (555) 123-4567 now")]
    [InlineData("Call 555-123-4567 now")]
    [InlineData("Ring 020 7946 0958 tonight")]
    [InlineData("Whatsapp +7 912 345 67 89")]
    public void Contact_Phone_IsFound(string text) => Assert.Contains("phone", RuleIds(text));

    [Theory]
    [InlineData("My card 4111 1111 1111 1111 exp 12/29")]
    [InlineData("use 5500-0000-0000-0004")]
    public void Contact_CardPassingLuhn_IsFound(string text) => Assert.Contains("card", RuleIds(text));

    [Theory]
    [InlineData("Order 4111 1111 1111 1112 shipped")]
    [InlineData("Between 2019-2020, 1,000,000 people and 12,345 soldiers died.")]
    [InlineData("On 12.05.2024 at 10.30 the vote was 312 to 118.")]
    [InlineData("Look at the dot com era of the 1990s.")]
    [InlineData("The budget rose to 2,500,000,000 euros in 2023.")]
    [InlineData("Reference number 20240512 and ISBN 978-3-16-148410-0.")]
    public void Contact_InnocentNumbersAndWords_AreNotContactDetails(string text)
    {
        var found = RuleIds(text).Intersect(["email", "phone", "card"]).ToList();

        Assert.True(found.Count == 0, $"'{text}' matched {string.Join(", ", found)}");
    }

    [Theory]
    [InlineData("see https://www.spam.example/offer", "denied-domains")]
    [InlineData("see promo.spam.example", "denied-domains")]
    [InlineData("see hxxps://casino[.]test/win", "denied-domains")]
    [InlineData("see casino(dot)test", "denied-domains")]
    [InlineData("see https://bit.ly/3abc", "shorteners")]
    [InlineData("see t.co/xyz", "shorteners")]
    public void Links_DeniedDomainsAndShorteners_AreFound(string text, string rule) => Assert.Contains(rule, RuleIds(text));

    [Fact]
    public void Links_InternationalisedDomain_MatchesItsPunycodeForm()
    {
        var rules = RuleSetParser.Parse("rules:\n  - {id: idn, action: hold, links: {domains: [xn--e1afmkfd.xn--p1ai]}}\n", "idn", DateTimeOffset.UnixEpoch);

        Assert.Single(rules.Evaluate("смотри пример.рф/путь").Reasons);
    }

    [Fact]
    public void Links_MoreThanTheMaximum_CountsOnlyLinksNotAllowed()
    {
        Assert.DoesNotContain("too-many-links", RuleIds("a.com and b.org and news.example/x and www.news.example"));
        Assert.Contains("too-many-links", RuleIds("a.com, b.org and https://c.net/page"));
        Assert.Equal(3, SpansOf("a.com, b.org and https://c.net/page", "too-many-links").Count);
    }

    [Theory]
    [InlineData("See e.g. the file report.txt, i.e. the U.S.A. figures.")]
    [InlineData("It was the end.It was over.")]
    [InlineData("Mr.Smith met Dr.Jones at 3.30.")]
    [InlineData("Email jane@spam.example about it.")]
    public void Links_InnocentDots_AreNotLinks(string text)
    {
        var found = RuleIds(text).Intersect(["denied-domains", "shorteners", "too-many-links"]).ToList();

        Assert.True(found.Count == 0, $"'{text}' matched {string.Join(", ", found)}");
    }

    [Fact]
    public void Spam_Shouting_IsAWholeCommentMatch()
    {
        Assert.Empty(SpansOf("THIS IS AN OUTRAGE AND EVERYONE KNOWS IT", "shouting"));
        Assert.DoesNotContain("shouting", RuleIds("The NATO and UN officials met in NYC."));
        Assert.DoesNotContain("shouting", RuleIds("WOW OK"));
    }

    [Theory]
    [InlineData("THIS IS AN OUTRAGE AND EVERYONE KNOWS IT, ПОЗОР ВСЕМ ИМ", true)]
    [InlineData("ПОЗОР! THIS IS AN OUTRAGE AND EVERYONE KNOWS IT", true)]
    [InlineData("This is an outrage and everyone knows it, ПОЗОР ВСЕМ ИМ", false)]
    [InlineData("ПОЗОР ВСЕМ ИМ, this is an outrage and everyone knows it", false)]
    public void Spam_ShoutingInMixedScripts_CountsEveryLetter(string text, bool shouting) =>
        Assert.Equal(shouting, RuleIds(text).Contains("shouting"));

    [Fact]
    public void Spam_RepeatedCharactersAndWords_AreFoundWithSpans()
    {
        Assert.Equal([new TextSpan(3, 13)], SpansOf("no !!!!!!!!!! please", "stretched"));
        Assert.Equal([new TextSpan(0, 15)], SpansOf("buy buy buy Buy now ok", "repeated-words"));
        Assert.DoesNotContain("repeated-words", RuleIds("that that is is fine"));
    }

    [Fact]
    public void Spam_SymbolFloodAndLengths_AreFound()
    {
        Assert.Contains("emoji-flood", RuleIds("😀😀😀😀😀😀😀😀 lol"));
        Assert.DoesNotContain("emoji-flood", RuleIds("Great article 👍 thanks"));
        Assert.Contains("emoji-flood", RuleIds("$$$ +++ ~~~ ^^^ ||| <<< >>> === $$$ +++ 😀😀 ok"));
        Assert.DoesNotContain("emoji-flood", RuleIds("A long plain sentence with a few $ and + signs 😀"));
        Assert.Contains("too-long", RuleIds(new string('a', 201)));
        Assert.DoesNotContain("too-long", RuleIds(string.Concat(Enumerable.Repeat("😀", 200))));
        Assert.Contains("too-long", RuleIds(new string('\uDC00', 201)));
        Assert.Contains("too-short", RuleIds(" k "));
    }

    [Theory]
    [InlineData("rules:\n  - {id: r, action: hold, regex: 'a*'}\n", "empty string")]
    [InlineData("rules:\n  - {id: r, action: hold, regex: '(a)\\1'}\n", "linear-time")]
    [InlineData("rules:\n  - {id: r, action: hold, regex: '(?=x)y'}\n", "linear-time")]
    [InlineData("rules:\n  - {id: r, action: hold, terms: [a], regex: 'x'}\n", "exactly one")]
    [InlineData("rules:\n  - {id: r, action: hold}\n", "exactly one")]
    [InlineData("rules:\n  - {id: r, action: hold, contact: [fax]}\n", "fax")]
    [InlineData("rules:\n  - {id: r, action: hold, links: {any: true, max: 2}}\n", "exactly one")]
    [InlineData("rules:\n  - {id: r, action: hold, spam: {caps_ratio: 3}}\n", "caps_ratio")]
    [InlineData("rules:\n  - {id: r, action: hold, terms: [x], when: {account_age_below: soon}}\n", "duration")]
    [InlineData("rules:\n  - {id: r, action: hold, terms: [x], when: {author_status: [vip]}}\n", "vip")]
    [InlineData("thresholds: {hold: 5, reject: 2}\nrules:\n  - {id: r, action: hold, terms: [x]}\n", "below the reject")]
    public void Parse_InvalidRuleKinds_AreRefusedWithTheReason(string yaml, string reason)
    {
        Assert.Null(RuleSetParser.TryParse(yaml, "t", DateTimeOffset.UnixEpoch, out var errors));
        Assert.Contains(errors, e => e.Message.Contains(reason, StringComparison.Ordinal) && e.Line > 0);
    }

    [Fact]
    public void Parse_LongRegex_IsRefused()
    {
        string yaml = $"rules:\n  - {{id: r, action: hold, regex: '{new string('a', 1001)}'}}\n";

        Assert.Null(RuleSetParser.TryParse(yaml, "t", DateTimeOffset.UnixEpoch, out _));
    }
}
