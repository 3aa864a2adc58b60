using Moderation.Core.Decisions;
using Moderation.Core.Rules;

namespace Moderation.Core.Tests.Rules;

/// <summary>
/// The evasions of Cyrillic and Korean text, masked letters and spelled-out words after a
/// one-letter word, each with the innocent text it must leave alone. Spans are code points of
/// the text as written.
/// </summary>
public sealed class MultilingualEvasionTests
{
    private static readonly RuleSet Rules = RuleSetParser.Parse("""
        rules:
          - id: en
            action: reject
            terms: ["fuck*", "shit", "cunt*", "asshole*", "bitch*", "paypal", "*cunt*", "dick", "nigga*"]
            allow: ["scunthorp*"]
          - id: ru
            action: reject
            terms: ["*хуй*", "*хуе*", "сука", "суки", "курва", "мразь", "*пизд*", "бля", "бляд*", "ебать", "пидор*", "хуйло", "залуп*"]
            allow: ["*страхуй*", "*страхуе*"]
          - id: ko
            action: reject
            terms: ["씨발*", "시발*", "*병신*", "개새끼*", "ㅅㅂ", "ㅂㅅ"]
            allow: ["시발점*", "시발역*", "병신년*", "*전염병신*"]
        """, "multilingual", DateTimeOffset.UnixEpoch);

    private static DecisionReason? Hit(string text, string rule) =>
        Rules.Evaluate(text).Reasons.SingleOrDefault(r => r.RuleId == rule);

    private static void AssertHit(string text, string rule, int start, int end)
    {
        var reason = Hit(text, rule);
        Assert.True(reason is not null, $"'{text}' should match {rule}.");
        Assert.Contains(new TextSpan(start, end), reason.Spans);
    }

    private static void AssertClean(string text)
    {
        var reasons = Rules.Evaluate(text).Reasons;
        Assert.True(reasons.Count == 0, $"'{text}' matched {string.Join(", ", reasons.Select(r => r.RuleId))}.");
    }

    [Theory]
    [InlineData("КУРВА", 0, 5)]
    [InlineData("курва", 0, 5)]
    [InlineData("курВа", 0, 5)]
    [InlineData("Ты СУКА", 3, 7)]
    [InlineData("Мразь!", 0, 5)]
    [InlineData("МРАЗЬ", 0, 5)]
    [InlineData("ХУЙ", 0, 3)]
    public void CyrillicCapitals_MatchWhateverTheirCase(string text, int start, int end) => AssertHit(text, "ru", start, end);

    [Theory]
    [InlineData("xyй", 0, 3)]
    [InlineData("пошёл нахуй", 6, 11)]
    [InlineData("cyка", 0, 4)]
    [InlineData("пиzдец", 0, 6)]
    [InlineData("KУPBA", 0, 5)]
    public void LatinLettersInCyrillicWords_ReadAsCyrillic(string text, int start, int end) => AssertHit(text, "ru", start, end);

    [Theory]
    [InlineData("Send it to my раураl", 14, 20)]
    [InlineData("fuсk", 0, 4)]
    public void CyrillicLettersInLatinWords_StillReadAsLatin(string text, int start, int end) => AssertHit(text, "en", start, end);

    [Theory]
    [InlineData("6ля", 0, 3)]
    [InlineData("пи3дец", 0, 6)]
    [InlineData("сук@", 0, 4)]
    [InlineData("бл9дь", 0, 5)]
    [InlineData("е6ать", 0, 5)]
    public void CyrillicLeet_Matches(string text, int start, int end) => AssertHit(text, "ru", start, end);

    [Theory]
    [InlineData("путин ху1ло", 6, 11)]
    [InlineData("п1здець", 0, 7)]
    public void CyrillicLeet_OneAsI_Matches(string text, int start, int end) => AssertHit(text, "ru", start, end);

    [Theory]
    [InlineData("ni99as lol", 0, 6)]
    public void LatinLeet_NineAsG_Matches(string text, int start, int end) => AssertHit(text, "en", start, end);

    [Theory]
    [InlineData("пи**ец подкрался", 0, 6)]
    [InlineData("зал**а конская", 0, 6)]
    public void MaskedWord_TermOpenAtItsEndEndingOnAMaskedLetter_Matches(string text, int start, int end) => AssertHit(text, "ru", start, end);

    [Theory]
    [InlineData("по-моему, 1-й и 21-й")]
    [InlineData("Т-72Б3 и МиГ-31К под Курском")]
    public void CyrillicWithDigitsAndHyphens_MatchesNothing(string text) => AssertClean(text);

    [Theory]
    [InlineData("ㅅㅣㅂㅏㄹ", 0, 5)]
    [InlineData("ㅂㅕㅇㅅㅣㄴ", 0, 6)]
    [InlineData("ㄱㅐㅅㅐㄲㅣ", 0, 6)]
    public void KoreanSpelledOutInLetters_Matches(string text, int start, int end) => AssertHit(text, "ko", start, end);

    [Theory]
    [InlineData("ㅅㅂ", 0, 2)]
    [InlineData("ㅋㅋ ㅅㅂ", 3, 5)]
    public void KoreanInitialsAbbreviation_StillMatchesAsWritten(string text, int start, int end) => AssertHit(text, "ko", start, end);

    [Theory]
    [InlineData("х*й", 0, 3)]
    [InlineData("п*здец", 0, 6)]
    [InlineData("бл#дь", 0, 5)]
    [InlineData("с**а", 0, 4)]
    [InlineData("Бл@дь, опять", 0, 5)]
    [InlineData("с@ка", 0, 4)]
    public void CyrillicMasks_Match(string text, int start, int end) => AssertHit(text, "ru", start, end);

    [Theory]
    [InlineData("f*ck you", 0, 4)]
    [InlineData("f**k", 0, 4)]
    [InlineData("what the f#ck", 9, 13)]
    [InlineData("you a**hole", 4, 11)]
    [InlineData("c*nt", 0, 4)]
    [InlineData("b!tch", 0, 5)]
    [InlineData("f🤬ck", 0, 4)]
    [InlineData("fu🖕ck off", 0, 5)]
    [InlineData("sh*t happens", 0, 4)]
    public void MaskedLetters_MatchWithTheMaskedWordAsSpan(string text, int start, int end) => AssertHit(text, "en", start, end);

    [Theory]
    [InlineData("Another *unt from a think tank", 8, 12)]
    [InlineData("*uck this", 0, 4)]
    [InlineData("what a **ck", 7, 11)]
    [InlineData("(*hit)", 1, 5)]
    public void AsterisksForTheFirstLetters_MatchWithTheMaskedWordAsSpan(string text, int start, int end) => AssertHit(text, "en", start, end);

    [Theory]
    [InlineData("I *really* liked it")]
    [InlineData("the *unt* suffix")]
    [InlineData("*Note: figures from the ministry")]
    [InlineData("he said *ass* in a sermon")]
    [InlineData("bad *ass")]
    [InlineData("***unt")]
    [InlineData("@unt and #uck are handles")]
    public void AsterisksBeforeAWord_ThatAreEmphasisOrHideNoLetter_DoNotMatch(string text) => AssertClean(text);

    [Theory]
    [InlineData("You are a f-u-c-k", 10, 17)]
    [InlineData("what a c u n t", 7, 14)]
    [InlineData("a b i t c h", 2, 11)]
    [InlineData("a s s h o l e", 0, 13)]
    public void SpelledOutWordAfterAOneLetterWord_Matches(string text, int start, int end) => AssertHit(text, "en", start, end);

    [Theory]
    [InlineData("Та ти ж с-у-к-а", 8, 15)]
    [InlineData("ну ты ж с у к а", 8, 15)]
    [InlineData("вона й с.у.к.а", 7, 14)]
    public void SpelledOutWordAfterACyrillicParticle_Matches(string text, int start, int end) => AssertHit(text, "ru", start, end);

    [Theory]
    [InlineData("М-р-а-з-ь в погонах.", 0, 9)]
    [InlineData("с у к а и только", 0, 7)]
    public void SpelledOutWordBeforeAOneLetterWord_Matches(string text, int start, int end) => AssertHit(text, "ru", start, end);

    [Theory]
    [InlineData("씨발", 0, 2)]
    [InlineData("씨발놈아 꺼져", 0, 4)]
    [InlineData("시-발", 0, 3)]
    [InlineData("씨.발", 0, 3)]
    [InlineData("씨1발", 0, 3)]
    [InlineData("시@발", 0, 3)]
    [InlineData("병 신", 0, 3)]
    [InlineData("이 병신아", 2, 5)]
    [InlineData("씨 발 놈", 0, 5)]
    [InlineData("ㅅㅂ 진짜", 0, 2)]
    [InlineData("ㅂㅅ", 0, 2)]
    [InlineData("씨이이발 진짜", 0, 4)]
    [InlineData("병시이이인 같은 소리", 0, 5)]
    public void KoreanEvasions_Match(string text, int start, int end) => AssertHit(text, "ko", start, end);

    [Theory]
    [InlineData("Scunthorpe United won 2-1.")]
    [InlineData("Застрахуйте дом, страхуй себя.")]
    [InlineData("КОРАБЛЯ и рубля не хватит.")]
    [InlineData("Су-34 и С-400 в 9 мая.")]
    [InlineData("Потери в Курской области: 40 км.")]
    [InlineData("전쟁의 시발점이 된 사건")]
    [InlineData("시발역에서 출발했다")]
    [InlineData("병신년에 태어났다")]
    [InlineData("김씨 발언이 논란이 됐다")]
    [InlineData("A씨 발언을 두고")]
    [InlineData("전염병 신고가 늘었다")]
    [InlineData("전염병신고 센터")]
    [InlineData("병시인의 시집이 나왔다")]
    [InlineData("기이이한 일이다")]
    [InlineData("The U.S.A. and the E.U. agree.")]
    [InlineData("Mail me at john@example.com, 5 stars!")]
    [InlineData("I give it 5*, a must-see!")]
    [InlineData("C# and F# at 10%, wow!!!")]
    [InlineData("Ukraine's army @ Kursk: a real fight.")]
    public void InnocentText_MatchesNothing(string text) => AssertClean(text);

    [Theory]
    [InlineData("f|_|ck the regime", 0, 6)]
    [InlineData("you c(_)nt", 4, 10)]
    [InlineData("8itch please", 0, 5)]
    [InlineData("The general is a useless dιϲκ", 25, 29)]
    [InlineData("ＳＨＩＴ article", 0, 4)]
    [InlineData("𝗕𝗜𝗧𝗖𝗛", 0, 5)]
    [InlineData("f&uuml;cking disgrace", 0, 12)]
    public void DrawnLettersAndNamedEntities_Match(string text, int start, int end) => AssertHit(text, "en", start, end);

    private static readonly RuleSet NameRules = RuleSetParser.Parse("""
        rules:
          - id: mild
            action: hold
            skip_names: true
            terms: [dick, cock]
        """, "names", DateTimeOffset.UnixEpoch);

    [Theory]
    [InlineData("Senator Dick Durbin pushed hard for the aid bill.")]
    [InlineData("Dick Schoof said the Netherlands will keep funding it.")]
    [InlineData("Mr Woo, Mr Hoare and Ms Cock all signed the letter.")]
    [InlineData("The letter from Mr. Cock arrived.")]
    [InlineData("Dick Tracy-style detective work.")]
    public void SkipNames_NameUses_AreNotMatched(string text) => Assert.Empty(NameRules.Evaluate(text).Reasons);

    [Theory]
    [InlineData("what a dick")]
    [InlineData("Dick, stop posting.")]
    [InlineData("You DICK")]
    [InlineData("He is a Dick. Really.")]
    public void SkipNames_SwearUses_AreMatched(string text) => Assert.NotEmpty(NameRules.Evaluate(text).Reasons);
}
