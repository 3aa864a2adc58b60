using Moderation.Core.Decisions;
using Moderation.Core.Rules;

namespace Moderation.Core.Tests.Rules;

/// <summary>
/// Each evasion technique, with the spans reported in code points of the text as written, and
/// for each technique the innocent text it must leave alone.
/// </summary>
public sealed class EvasionTests
{
    private static readonly RuleSet Rules = RuleSetParser.Parse("""
        rules:
          - id: profanity
            action: reject
            terms: [fuck, shit, cunt, ass, anal, boobs, loser, "kill yourself"]
          - id: scam
            action: hold
            terms: [paypal]
          - id: ass-words
            action: hold
            terms: ["ass*"]
            allow: ["assassin*", "assess*", "assist*", "assum*", "assembl*", "asset*", "assign*", "associat*", "assur*", "assert*"]
          - id: nazi
            action: hold
            terms: ["*nazi"]
        """, "evasion", DateTimeOffset.UnixEpoch);

    private static DecisionReason? Hit(string text, string rule = "profanity") =>
        Rules.Evaluate(text).Reasons.SingleOrDefault(r => r.RuleId == rule);

    private static void AssertHit(string text, int start, int end, string rule = "profanity")
    {
        var reason = Hit(text, rule);
        Assert.True(reason is not null, $"'{text}' should match {rule}.");
        Assert.Contains(new TextSpan(start, end), reason.Spans);
    }

    [Theory]
    [InlineData("ＦＵＣＫ this", 0, 4)]
    [InlineData("What the FuCk", 9, 13)]
    public void CaseAndWidth_Match(string text, int start, int end) => AssertHit(text, start, end);

    [Theory]
    [InlineData("fück off", 0, 4)]
    [InlineData("fûçk", 0, 4)]
    [InlineData("ŝĥïţ", 0, 4)]
    public void Accents_Match(string text, int start, int end) => AssertHit(text, start, end);

    [Theory]
    [InlineData("Send it to my раураl", 14, 20, "scam")]
    [InlineData("𝐟𝐮𝐜𝐤 you", 0, 4, "profanity")]
    [InlineData("ⓕⓤⓒⓚ", 0, 4, "profanity")]
    [InlineData("🅵🆄🅲🅺", 0, 4, "profanity")]
    [InlineData("🄵🅄🄲🄺", 0, 4, "profanity")]
    [InlineData("fυck", 0, 4, "profanity")]
    public void LookAlikeLetters_Match(string text, int start, int end, string rule) => AssertHit(text, start, end, rule);

    [Theory]
    [InlineData("sh1t", 0, 4)]
    [InlineData("$h!t", 0, 4)]
    [InlineData("5hit", 0, 4)]
    [InlineData("sh|t", 0, 4)]
    [InlineData("b00bs", 0, 5)]
    [InlineData("you 1o$er", 4, 9)]
    [InlineData("a55", 0, 3)]
    public void Leet_Matches(string text, int start, int end) => AssertHit(text, start, end);

    [Theory]
    [InlineData("fuuuuuuck", 0, 9)]
    [InlineData("shiiiiiit", 0, 9)]
    [InlineData("boooooobs", 0, 9)]
    [InlineData("FFFUUUCCCKKK", 0, 12)]
    public void RepeatedLetters_Match(string text, int start, int end) => AssertHit(text, start, end);

    [Theory]
    [InlineData("f.u.c.k", 0, 7)]
    [InlineData("f u c k you", 0, 7)]
    [InlineData("f-u-c-k", 0, 7)]
    [InlineData("f_u_c_k", 0, 7)]
    [InlineData("f*u*c*k", 0, 7)]
    [InlineData("s . h . i . t", 0, 13)]
    public void SeparatedLetters_Match(string text, int start, int end) => AssertHit(text, start, end);

    [Theory]
    [InlineData("f\u200Buck", 0, 5)]
    [InlineData("fu\u200C\u200Dck", 0, 6)]
    [InlineData("fu\u00ADck", 0, 5)]
    [InlineData("f\u202Eu\u202Cck", 0, 6)]
    [InlineData("\uFEFFfuck", 1, 5)]
    [InlineData("f\u2060u\u2063ck", 0, 6)]
    public void InvisibleCharacters_Match(string text, int start, int end) => AssertHit(text, start, end);

    [Theory]
    [InlineData("f\u0336u\u0336c\u0336k\u0336", 0, 8)]
    [InlineData("f\u0301\u0302\u0303u\u0304ck", 0, 8)]
    public void CombiningMarks_Match(string text, int start, int end) => AssertHit(text, start, end);

    [Theory]
    [InlineData("&#102;uck", 0, 9)]
    [InlineData("&#x66;&#x75;ck", 0, 14)]
    [InlineData("f&shy;uck", 0, 9)]
    public void HtmlEntities_Match(string text, int start, int end) => AssertHit(text, start, end);

    [Theory]
    [InlineData("kill yourself", 0, 13)]
    [InlineData("KILL... YOURSELF!", 0, 16)]
    [InlineData("kill\u200B yourself", 0, 14)]
    public void Phrases_MatchAcrossSpacesAndPunctuation(string text, int start, int end) => AssertHit(text, start, end);

    [Theory]
    [InlineData("an asshole", "ass-words", 3, 10)]
    [InlineData("assclown!", "ass-words", 0, 8)]
    [InlineData("a neonazi march", "nazi", 2, 9)]
    public void Wildcards_MatchThePrefixOrSuffixAndSpanTheWholeWord(string text, string rule, int start, int end) => AssertHit(text, start, end, rule);

    [Theory]
    [InlineData("The assassination of the archduke")]
    [InlineData("An independent assessment of the assets")]
    [InlineData("We assume the assistant will assure them")]
    public void AllowTerms_SuppressTheHitsInsideThem(string text) => Assert.Null(Hit(text, "ass-words"));

    [Theory]
    [InlineData("case and width", "The ＮＡＴＯ SUMMIT in Ｖｉｌｎｉｕｓ")]
    [InlineData("accents", "Un café naïve à Zürich, señor.")]
    [InlineData("look-alikes", "Ελλάδα, Россия и Україна: новини.")]
    [InlineData("leet", "Top 10 tips: 4 ways in 3 days for $5 at 7pm, 100% true!")]
    [InlineData("repeated letters", "Aaah, the bookkeeper said 'noooo' in Tallahassee.")]
    [InlineData("separated letters", "Plan A, B or C; the U.N. and the E.U. agree.")]
    [InlineData("invisible characters", "co\u00ADoperation and re\u200Bsearch")]
    [InlineData("combining marks", "Ångström, Đorđe and Søren met Zoë.")]
    [InlineData("html entities", "Fish &amp; chips &#8212; great &lt;3")]
    [InlineData("wildcards", "The passage about the bass player's grass.")]
    public void CleanSentencesPerTechnique_MatchNothing(string technique, string text)
    {
        var decision = Rules.Evaluate(text);

        Assert.True(decision.Reasons.Count == 0, $"{technique}: '{text}' matched {string.Join(", ", decision.Reasons.Select(r => r.RuleId))}.");
    }

    [Theory]
    [InlineData("Scunthorpe United won 2-1.")]
    [InlineData("The assassination was analysed in a careful analysis.")]
    [InlineData("Kim Jong-un's troops crossed the border.")]
    [InlineData("The class bought a bass guitar and some cocktail glasses.")]
    [InlineData("Arsenal beat Essex side Penistone in Sussex.")]
    [InlineData("Shiitake mushrooms and a glass of Shiraz.")]
    [InlineData("An aardvark walked past 666 bookkeepers.")]
    [InlineData("Hellooo everyone, sooo good to see you!!!")]
    [InlineData("The U.S.A. and the U.K. signed it at 3 p.m.")]
    [InlineData("Prices rose 10% to $5.50 in 2020; 1,000 people left.")]
    [InlineData("Los biólogos estudian la bioética.")]
    [InlineData("Спасибо за статью, очень хороший анализ.")]
    [InlineData("Καλή δουλειά, ευχαριστώ για το άρθρο.")]
    [InlineData("A class-action suit over the passcode.")]
    [InlineData("She said: a, b, and c are options.")]
    public void CleanSentences_MatchNothing(string text)
    {
        var decision = Rules.Evaluate(text);

        Assert.True(decision.Reasons.Count == 0, $"'{text}' matched {string.Join(", ", decision.Reasons.Select(r => r.RuleId))}.");
    }
}
