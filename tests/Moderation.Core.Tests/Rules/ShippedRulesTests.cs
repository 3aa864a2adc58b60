using Moderation.Core.Decisions;
using Moderation.Core.Rules;

namespace Moderation.Core.Tests.Rules;

/// <summary>
/// The shipped rules (rules/default.yaml and its lists) on a few comments of each technique in
/// each language: what they must hold or reject, and the innocent comments they must publish.
/// The labelled corpus in eval/ measures the same at scale.
/// </summary>
public sealed class ShippedRulesTests
{
    private static readonly RuleSet Rules = RuleSetParser.ParseFile(
        Path.Combine(Moderation.Testing.RepositoryPaths.Root, "rules", "default.yaml"), DateTimeOffset.UnixEpoch);

    private static void AssertCaught(string text, string category)
    {
        var decision = Rules.Evaluate(text);
        Assert.True(decision.Verdict != Verdict.Approved, $"'{text}' was approved.");
        Assert.Contains(decision.Reasons, r => r.Category == category && !r.Shadow);
    }

    [Theory]
    [InlineData("you people are a disease and the world would be better off without every last one of you")]
    [InlineData("Таких, як автор, треба вивозити в ліс і залишати там назавжди.")]
    [InlineData("너 같은 인간은 사회에서 치워버려야 한다")]
    public void AbuseModel_SentencesNoPhraseHasAShapeFor_AreHeldWithTheirWeightiestWords(string text)
    {
        var decision = Rules.Evaluate(text);

        Assert.Equal(Verdict.PendingReview, decision.Verdict);
        var reason = Assert.Single(decision.Reasons, r => r.RuleId == "abuse-model");
        Assert.InRange(reason.Spans.Count, 1, 3);
        Assert.All(reason.Spans, span => Assert.False(string.IsNullOrWhiteSpace(text[span.Start..span.End])));
    }

    private static void AssertPublished(string text)
    {
        var decision = Rules.Evaluate(text);
        Assert.True(
            decision.Verdict == Verdict.Approved && !decision.Flagged,
            $"'{text}' got {decision.Verdict}: {string.Join(", ", decision.Reasons.Select(r => r.RuleId))}.");
    }

    [Theory]
    [InlineData("I hope they all die")]
    [InlineData("someone should shoot the journalist")]
    [InlineData("you deserve to be shot")]
    [InlineData("I'm going to kill you")]
    [InlineData("hope u die")]
    [InlineData("go kill urself")]
    [InlineData("They should all be hanged.")]
    [InlineData("I will find you and hurt you")]
    [InlineData("I know where you live")]
    [InlineData("я тебя найду и убью")]
    [InlineData("Чтоб вы все сдохли!")]
    [InlineData("сдохни")]
    [InlineData("расстрелять бы всех")]
    [InlineData("тебе не жить")]
    [InlineData("я тебе вб'ю")]
    [InlineData("я тебе вбʼю")]
    [InlineData("щоб ти здох")]
    [InlineData("їх усіх треба перевішати")]
    [InlineData("죽여버린다")]
    [InlineData("찾아가서 죽인다")]
    public void Threats_InManySentenceShapes_AreHeld(string text) => AssertCaught(text, "threats");

    [Theory]
    [InlineData("I hope they don't die in the cold.")]
    [InlineData("The attack killed 12 civilians and the drone was shot down.")]
    [InlineData("North Korean troops were killed near Sudzha.")]
    [InlineData("That joke killed me, and I could murder a pizza.")]
    [InlineData("The EU shot itself in the foot again.")]
    [InlineData("Sanctions will hurt them more than us.")]
    [InlineData("You're dead wrong about the sanctions.")]
    [InlineData("ВСУ смогли уничтожить их технику под Суджей.")]
    [InlineData("Под обстрелом погибли трое, убиты двое военных.")]
    [InlineData("ЗСУ знищили їх позиції біля Курська.")]
    [InlineData("쿠르스크에서 북한군 사상자가 발생했다.")]
    [InlineData("그는 전투에서 죽었다.")]
    public void WarNewsAndIdioms_ArePublished(string text) => AssertPublished(text);

    [Theory]
    [InlineData("Вантажопідйомність цієї вантажівки п'ять тонн.")]
    [InlineData("На обід свіжоприготовлений борщ.")]
    [InlineData("Ми їхали через Крижопіль до Вінниці.")]
    [InlineData("Чужопланетні істоти у новому фільмі.")]
    [InlineData("Свежеприготовленный ужин и грузоподъёмность машины.")]
    [InlineData("Лікар Чорномаз прийняв двадцять пацієнтів.")]
    public void CompoundsAndSurnamesHoldingARudeRoot_ArePublished(string text) => AssertPublished(text);

    [Theory]
    [InlineData("what a shiit take")]
    [InlineData("shut up you biitch")]
    [InlineData("what a cuunt")]
    [InlineData("fuuck this article")]
    public void ProfanityWithADoubledIOrU_IsCaught(string text) => AssertCaught(text, "profanity");

    [Theory]
    [InlineData("Shiite militias attacked the base near Basra.")]
    [InlineData("The Shiites and the Sunnis met in Baghdad.")]
    [InlineData("We went skiing in Hawaii and took a vacuum flask.")]
    [InlineData("Tiit, Piia and Tuukka played in the continuum of the league.")]
    public void WordsWithADoubledIOrU_ArePublished(string text) => AssertPublished(text);

    private static readonly string[] SiteLanguages = ["en", "ru", "uk", "ko"];

    [Fact]
    public void EveryRuleThatTellsTheAuthor_HasTheMessageInAllFourLanguages()
    {
        var missing = Rules.Rules
            .Where(r => r.Action is not RuleAction.Approve and not RuleAction.Flag)
            .Where(r => r.AuthorMessages is null || !SiteLanguages.All(r.AuthorMessages.ContainsKey))
            .Select(r => r.Id);

        Assert.Empty(missing);
    }

    [Theory]
    [InlineData("what a pizdec of an article", "Your comment contains language we do not publish. Please rephrase it.")]
    [InlineData("какой пиздец, а не статья", "Ваш комментарий содержит выражения, которые мы не публикуем. Пожалуйста, перефразируйте его.")]
    [InlineData("what a fucking article", "Your comment contains language we do not publish. Please rephrase it.")]
    [InlineData("яка fucking стаття, я в шоці від неї", "Ваш коментар містить вирази, які ми не публікуємо. Будь ласка, перефразуйте його.")]
    public void AuthorMessage_OfAnyListsRule_IsInTheCommentsLanguage(string text, string message) =>
        Assert.Equal(message, Rules.Evaluate(text).AuthorMessage);

    [Theory]
    [InlineData("The Austrian village formerly called Fucking renamed itself Fugging in 2021.")]
    [InlineData("Tourists kept stealing the signs of the village called Fucking.")]
    [InlineData("The hamlet of Fucking in Upper Austria voted to rename itself.")]
    [InlineData("It changed its name from Fucking to Fugging.")]
    public void TheAustrianVillage_IsPublished(string text) => AssertPublished(text);

    [Theory]
    [InlineData("this fucking village council is useless")]
    [InlineData("the Austrian chancellor is a fucking liar")]
    [InlineData("fucking Austria, what a joke of a country")]
    [InlineData("the town of fucking Leeds")]
    public void ProfanityNearAPlace_IsCaught(string text) => AssertCaught(text, "profanity");

    [Theory]
    [InlineData("That blogger lives at 48 Maple Drive, apartment 2. Someone should pay him a visit.")]
    [InlineData("Her home address is 17 Kings Road, Leeds, go knock on her door")]
    [InlineData("Этот журналист проживает по ул. Садовой, д. 8, кв. 31, сходите к нему")]
    [InlineData("Редактор живе на вулиці Франка 21, квартира 7, напишіть йому туди")]
    [InlineData("저 기자 집 주소 부산 해운대구 해변로 45 이다")]
    [InlineData("She lives at 42 5th Avenue, flat 3, tell her what you think")]
    [InlineData("He lives at 12 North Street, go and see him")]
    public void HomeAddressesPosted_AreHeld(string text)
    {
        var decision = Rules.Evaluate(text);

        Assert.Equal(Verdict.PendingReview, decision.Verdict);
        Assert.Contains(decision.Reasons, r => r.RuleId.StartsWith("doxxing", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("He lives on 5 dollars a day since the plant closed.")]
    [InlineData("She lives on 3 acres close to the court.")]
    [InlineData("The embassy is at 12 Lesnaya Street, open from nine.")]
    [InlineData("My grandmother lives at the end of the road and still refuses to leave.")]
    [InlineData("She lives on 5th Avenue and has covered the city for years.")]
    [InlineData("My aunt lives on West 42nd Street, right by the theatres.")]
    [InlineData("Он живёт на Украине 30 лет и говорит на двух языках.")]
    [InlineData("Пункт незламності працює на вулиці Франка 21 цілодобово.")]
    [InlineData("대피소 주소는 해변로 45 입니다")]
    public void AddressesThatExposeNoOne_AreNotHeldAsDoxxing(string text) =>
        Assert.DoesNotContain(Rules.Evaluate(text).Reasons, r => r.RuleId.StartsWith("doxxing", StringComparison.Ordinal));

    [Theory]
    [InlineData("Пусть оккупанты дохнут как мухи")]
    [InlineData("Пусть они дохнут, мне не жалко")]
    [InlineData("Таких, кто пишет эту чушь, надо бить, пока не поумнеют")]
    [InlineData("Кожного, хто зриває прапор, треба побити")]
    [InlineData("계속 이런 기사 쓰면 애들이 무사할지 모르겠다")]
    [InlineData("저 기자 미사일 맞게 해야 함")]
    public void DeathWishesBeatingAndVeiledThreats_AreHeld(string text) =>
        Assert.Equal(Verdict.PendingReview, Rules.Evaluate(text).Verdict);

    [Theory]
    [InlineData("Включите аэратор, пусть рыбы не дохнут в жару.")]
    [InlineData("Поливайте чаще, пусть они не дохнут от засухи.")]
    [InlineData("Тренеру надо бить по воротам чаще, говорил он.")]
    [InlineData("지진이 나서 가족들이 무사할지 걱정이다")]
    [InlineData("건물은 미사일 맞고 무너졌다")]
    public void TheirInnocentNeighbours_ArePublished(string text) => AssertPublished(text);

    [Theory]
    [InlineData("The map uses the colour #3847e0 for the front line.")]
    [InlineData("Fixed in commit 3847e0a, see the changelog.")]
    [InlineData("Order 58470e1 shipped; the next batch is 3847e00.")]
    public void NumbersWithALetter_ArePublished(string text) => AssertPublished(text);

    [Theory]
    [InlineData("what a 5h17 article")]
    [InlineData("what a 5h1773 article")]
    [InlineData("you are a 5h173 writer")]
    [InlineData("you 4$$h0l3")]
    [InlineData("sh1t journalism")]
    public void LeetWordsWithManyDigits_AreCaught(string text) => AssertCaught(text, "profanity");

    [Theory]
    [InlineData("Хитрожопые чиновники уже всё распилили.", "profanity")]
    [InlineData("Толстожопый депутат опять в отпуске.", "profanity")]
    [InlineData("Чорномазі понаїхали.", "hate")]
    [InlineData("Khokhols deserve nothing.", "hate")]
    public void CompoundsAndPluralsOfTheRoots_AreCaught(string text, string category) => AssertCaught(text, category);

    [Theory]
    [InlineData("The man who yelled \"I will shoot you all\" at the meeting was arrested, good.")]
    [InlineData("Someone above wrote 'hope they all die'. That is disgusting, mods please delete it.")]
    [InlineData("Выше кто-то написал «чтоб вы все сдохли». Модераторы, удалите, это мерзко.")]
    [InlineData("Хтось написав «щоб ви всі згоріли». Таке треба видаляти.")]
    [InlineData("위에 '다 죽어라'라고 쓴 사람, 그런 말은 하지 맙시다.")]
    public void QuotedThreats_ReportedOrCondemned_ArePublished(string text) => AssertPublished(text);

    [Theory]
    [InlineData("You're a pathetic little man hiding behind a flag.")]
    [InlineData("Go back to school, you illiterate clown.")]
    [InlineData("Are you really this stupid?")]
    [InlineData("You must have the IQ of a doorknob.")]
    [InlineData("Useless Kremlin bootlicker.")]
    [InlineData("Ты реально настолько тупой?")]
    [InlineData("Ти просто тупорила вівця.")]
    [InlineData("너 같은 인간 쓰레기는 처음 본다")]
    public void Insults_WithoutASwearWord_AreHeld(string text) => AssertCaught(text, "insults");

    [Theory]
    [InlineData("Muslims are a cancer on Europe.")]
    [InlineData("Asians breed like rats.")]
    [InlineData("Refugees are parasites, all of them.")]
    [InlineData("Хохлы это недолюди.")]
    [InlineData("Рашисти — недолюди.")]
    public void Dehumanising_StatementsAboutAGroup_AreHeld(string text) => AssertCaught(text, "hate");

    [Theory]
    [InlineData("You are wrong about the sanctions, and the minister is a poor negotiator.")]
    [InlineData("The sad truth is that the aid came too late.")]
    [InlineData("Refugees are welcome here, and Muslims are our neighbours.")]
    [InlineData("Ты прав, статья хорошая.")]
    [InlineData("Ти маєш рацію щодо втрат.")]
    [InlineData("쓰레기 처리 문제로 주민들이 항의했다.")]
    [InlineData("Senator Dick Durbin pushed hard for the aid bill.")]
    public void CivilCriticismAndNames_ArePublished(string text) => AssertPublished(text);

    [Theory]
    [InlineData("That editor should be dragged outside and shot.")]
    [InlineData("The reporter who filmed this deserves to be hanged.")]
    [InlineData("Hope a shahed lands on you next.")]
    [InlineData("Your children will suffer for this.")]
    [InlineData("Чтоб вы там все передохли.")]
    [InlineData("Розстріляти колаборантів.")]
    [InlineData("Кацапа на гілляку.")]
    public void Threats_WithAPreludeAWeaponOrTheFamily_AreHeld(string text) => AssertCaught(text, "threats");

    [Theory]
    [InlineData("Koreans should all be exterminated.")]
    [InlineData("Gas all Muslims.")]
    [InlineData("Kill every last one of these vermin.")]
    [InlineData("Death to all Russians.")]
    [InlineData("The only good Ukrainian is a dead one.")]
    [InlineData("중국놈들은 바퀴벌레다")]
    [InlineData("탈북자 새끼들 다 돌려보내라")]
    public void HateStatements_CallsToEliminateAGroup_AreHeld(string text) => AssertCaught(text, "hate");

    [Theory]
    [InlineData("Your dad should have pulled out.")]
    [InlineData("Your sister is a slut.")]
    [InlineData("Go suck a dick.")]
    [InlineData("니 엄마 창녀")]
    public void SexualInsults_AboutAPersonOrTheirFamily_AreHeld(string text) => AssertCaught(text, "insults");

    [Theory]
    [InlineData("꺼져라 이 버러지야")]
    [InlineData("미친 놈 또 시작이네")]
    [InlineData("애미 없는 것들")]
    [InlineData("qudtls")]
    public void KoreanInsults_WrittenApartOrInTheEnglishKeyboardLayout_AreHeld(string text) => AssertCaught(text, "insults");

    [Theory]
    [InlineData("tlqkf 또 미사일")]
    [InlineData("rotoRl")]
    [InlineData("10새끼들")]
    [InlineData("ㅆㅣㅂㅏㄹ")]
    [InlineData("조까, 니가 뭔데 그런 말을 해")]
    [InlineData("진짜 조까튼 기사네")]
    public void KoreanProfanity_KeyboardLayoutDigitsAndSpelledOutLetters_IsRejected(string text) => AssertCaught(text, "profanity");

    [Theory]
    [InlineData("Tatars are not a real nation, just a tribe with a flag.")]
    [InlineData("Chechens are all degenerates.")]
    [InlineData("Women can't be war correspondents, they cannot handle the pressure.")]
    [InlineData("Поляки — не народ, а ошибка истории.")]
    [InlineData("Цигани завжди крадуть, так було й буде.")]
    [InlineData("난민들은 전부 범죄자라서 받으면 안 된다.")]
    public void HatefulGeneralisations_OfManyShapes_AreHeld(string text) => AssertCaught(text, "hate");

    [Theory]
    [InlineData("I would gladly choke that minister with my bare hands.")]
    [InlineData("I hope his whole family ends up under a glide bomb.")]
    [InlineData("Этих депутатов всех к стенке.")]
    [InlineData("Словиш кулю в голову, зраднику.")]
    [InlineData("그 장관은 총살당해야 마땅하다.")]
    public void ThreatsAndDeathWishes_OfManyShapes_AreHeld(string text) => AssertCaught(text, "threats");

    [Theory]
    [InlineData("The shelling left a crater under the bridge, and the next missile hit the depot.")]
    [InlineData("Women are not allowed to vote in that regime, the report says.")]
    [InlineData("Мы всегда воруем время у сна, когда читаем новости.")]
    public void NewsNearTheseShapes_IsPublished(string text) => AssertPublished(text);

    [Theory]
    [InlineData("The breeder's bitch gave birth to eight puppies during the blackout.")]
    [InlineData("The old ass that survived the shelling still pulls the farmer's cart.")]
    [InlineData("Our neighbour's cock wakes the whole street, crowing before the sirens.")]
    [InlineData("Blue tits are back at the feeder.")]
    [InlineData("She felt a sharp prick in her arm before the vaccine went in.")]
    [InlineData("The word \"khokhol\" is an ethnic slur and has no place here.")]
    [InlineData("Называть солдат «орками» — значит лишать их человеческого облика.")]
    [InlineData("\"기레기\"라는 말로 모든 기자를 비난하면 안 된다.")]
    [InlineData("시발 자동차는 1955년에 만들어졌다.")]
    public void WordsInTheirOwnSenseOrOnlyMentioned_ArePublished(string text) => AssertPublished(text);

    [Theory]
    [InlineData("You bitch, go play with your puppies.", "profanity")]
    [InlineData("Shut up, you prick.", "insults")]
    [InlineData("Shut up, khokhol, the word of a traitor is worth nothing.", "hate")]
    public void WordsUsedAtSomeone_BesideAnInnocentSense_AreStillCaught(string text, string category) => AssertCaught(text, category);

    [Theory]
    [InlineData("Удалил мой комментарий? Ну ты и cerf, модератор.")]
    [InlineData("Сборная сыграла как обычно, gbpltw полный.")]
    [InlineData("Ну ти й rehdf, модераторе.")]
    public void CyrillicProfanity_TypedInTheEnglishKeyboardLayout_IsCaught(string text) => AssertCaught(text, "profanity");

    [Theory]
    [InlineData("Blyat, the power is off again.")]
    [InlineData("Sukablyat, they shelled the school again.")]
    public void RussianProfanity_InLatinLetters_IsRejected(string text) => AssertCaught(text, "profanity");

    [Theory]
    [InlineData("Ты е**нутый, если веришь их сводкам.")]
    public void MaskedProfanity_ThatAnAllowTermCouldAlsoRead_IsStillCaught(string text) => AssertCaught(text, "profanity");

    [Theory]
    [InlineData("Nelzya upotreblyat slovo osvobozhdenie v etom kontekste.")]
    [InlineData("Ne nado oskorblyat lyudey.")]
    public void RussianInLatinLetters_WithBlyaInsideAWord_IsPublished(string text) => AssertPublished(text);

    [Theory]
    [InlineData("Vint Cerf, one of the fathers of the internet, spoke at the summit.")]
    [InlineData("The college lost its privileges after the sacrilege.")]
    public void EnglishWords_LikeCyrillicTypedInTheEnglishLayout_ArePublished(string text) => AssertPublished(text);

    [Theory]
    [InlineData("Go f--- yourself.")]
    [InlineData("what a cnt")]
    [InlineData("пи**ец полный")]
    public void Profanity_MaskedToALetterOrWithoutVowels_IsCaught(string text) => AssertCaught(text, "profanity");

    [Theory]
    [InlineData("Нападающий Дмитрий Хохлов забил дважды.")]
    [InlineData("Сукин Иван Петрович числится пропавшим.")]
    [InlineData("Сука з цуценятами вижила після обстрілу.")]
    [InlineData("Читаю «Идиота» Достоевского в метро.")]
    [InlineData("지랄탄은 옛날 최루탄 발사기를 부르던 말이다.")]
    [InlineData("이 새끼 고양이는 폭격 속에서 구조됐다.")]
    [InlineData("중국산 기생충 약이 효과가 있다.")]
    [InlineData("Your family will pay less for gas next winter.")]
    [InlineData("We must get rid of them, he said about the landmines.")]
    [InlineData("Пусть они там передохнут немного после смены.")]
    [InlineData("Повесить флаг на площади решили к празднику.")]
    public void SurnamesAnimalsTitlesAndNearMisses_ArePublished(string text) => AssertPublished(text);

    [Theory]
    [InlineData("Torch their flat with them still inside.")]
    [InlineData("die in a fire")]
    [InlineData("Таких надо вешать, а не судить.")]
    [InlineData("Мы бы их всех перестреляли.")]
    [InlineData("Знаем, где вы живёте.")]
    [InlineData("Найду и убью, понял?")]
    [InlineData("Таких треба розстрілювати без суду.")]
    [InlineData("Знаємо, де ти живеш.")]
    [InlineData("니들은 다 죽어야 한다")]
    [InlineData("주소 털었다 곧 찾아갈게")]
    [InlineData("Приеду к тебе в Харьков, тогда поговорим по-другому.")]
    [InlineData("С тобой мы ещё поговорим иначе, автор.")]
    [InlineData("Приїду до тебе у Львів, поговоримо вже по-іншому.")]
    [InlineData("Поговоримо з тобою інакше, коли зустрінемось.")]
    public void Threats_WithoutAListedVerbShape_AreHeld(string text) => AssertCaught(text, "threats");

    [Theory]
    [InlineData("Three people die in a fire in Kharkiv every winter.")]
    [InlineData("Firefighters got the family out before the house burned down.")]
    [InlineData("Картины надо вешать выше.")]
    [InlineData("Я не знаю, где вы живёте, но у нас снова обстрел.")]
    [InlineData("Я бы его портрет повесил на стену.")]
    [InlineData("Тараканов надо истребить до зимы.")]
    [InlineData("사람은 언젠가 죽어야 한다.")]
    [InlineData("주소 알려주시면 찾아가겠습니다.")]
    [InlineData("정부 예산이 1조까지 늘어난다는 기사네요")]
    [InlineData("조까지 포함하면 손실이 3조 원입니다")]
    [InlineData("Приеду к тебе в субботу, поговорим о ремонте.")]
    [InlineData("Если цены вырастут, поговорим иначе о бюджете.")]
    [InlineData("Приїду до тебе в суботу, поговоримо про ремонт.")]
    [InlineData("Ми з вами поговоримо про це пізніше, дякую за лист.")]
    public void ThreatNearMisses_ArePublished(string text) => AssertPublished(text);

    [Theory]
    [InlineData("They're parasites, not people.")]
    [InlineData("Chechens can't be trusted, they are savages.")]
    [InlineData("The Nazis had the right idea about the gypsies.")]
    [InlineData("Евреи — это болезнь.")]
    [InlineData("Цыгане везде одинаковые, их надо истребить.")]
    [InlineData("Москалі — це вірус.")]
    public void HateStatements_DehumanisingWithoutAListedShape_AreHeld(string text) => AssertCaught(text, "hate");

    [Theory]
    [InlineData("These are mice, not people, so the results may not hold.")]
    [InlineData("Rats are vermin and the council will trap them.")]
    [InlineData("Ukrainians rescued the zoo animals from Kharkiv.")]
    [InlineData("Hitler had the right idea about rearmament, some historians argue.")]
    public void HateNearMisses_ArePublished(string text) => AssertPublished(text);

    [Theory]
    [InlineData("Your mate is such a slag.")]
    [InlineData("Shut it, you little slag.")]
    public void SexualSlurs_AboutAPerson_AreHeld(string text) => AssertCaught(text, "insults");

    [Theory]
    [InlineData("C발 또 미사일이야")]
    [InlineData("개씨빨")]
    [InlineData("Уйобище, а не депутат.")]
    public void Profanity_SoundLettersPrefixesAndUkrainianSpellings_IsRejected(string text) => AssertCaught(text, "profanity");

    [Theory]
    [InlineData("졸라 짜증나네 진짜")]
    [InlineData("G랄도 정도껏 해라")]
    [InlineData("ㅅㄲ야 그만해")]
    public void KoreanIntensifiersAndInitials_AreHeld(string text) => Assert.NotEqual(Verdict.Approved, Rules.Evaluate(text).Verdict);

    [Theory]
    [InlineData("The slag heaps of the Donbas are landmarks now.")]
    [InlineData("What a slag heap the old mine left behind.")]
    [InlineData("Faggots and mushy peas, the pub's Friday special.")]
    [InlineData("The village of Fucking renamed itself Fugging.")]
    [InlineData("The town of Dildo raised money for Ukraine.")]
    [InlineData("Корейские манду с мясом продаются у метро.")]
    [InlineData("Термін «орки» увійшов у словники.")]
    [InlineData("엄마를 졸라 장난감을 샀다.")]
    [InlineData("감염병신고 건수가 늘었다.")]
    [InlineData("시발자동차는 국산 1호 자동차다.")]
    public void DishesPlacesWordsAsWordsAndCompounds_ArePublished(string text) => AssertPublished(text);

    [Theory]
    [InlineData("someone should really pay this journalist a visit at home, just saying")]
    [InlineData("Somebody should give that judge a little visit at night.")]
    [InlineData("Accidents happen to people like him, just saying.")]
    [InlineData("It would be a shame if something happened to your kids on the way home.")]
    [InlineData("Кто-то должен наведаться к этому блогеру и поговорить без свидетелей.")]
    [InlineData("Мы знаем, где живёт твоя мать.")]
    [InlineData("Ми знаємо, де живе твоя донька.")]
    [InlineData("사장 집 주소 알아냈다, 곧 보자")]
    public void IndirectThreats_AVisitAnAddressOrAFamilyMember_AreHeld(string text) => AssertCaught(text, "threats");

    [Theory]
    [InlineData("Hope every last one of those deputies burns to death in the bunker.")]
    [InlineData("That columnist should be run over by a tram.")]
    [InlineData("Желаю тебе сдохнуть в канаве.")]
    [InlineData("Бажаю цьому депутату потрапити під потяг.")]
    [InlineData("너 같은 놈은 빨리 죽어야 돼.")]
    public void DeathWishes_BeyondThePlainShapes_AreHeld(string text) => AssertCaught(text, "threats");

    [Theory]
    [InlineData("Nobody would miss you if you disappeared.")]
    [InlineData("No one would care if you died tomorrow.")]
    [InlineData("Do us all a favour and disappear.")]
    [InlineData("Do everyone a favor and jump off a bridge.")]
    [InlineData("You deserve everything bad that happens to you.")]
    [InlineData("You deserve what's coming to you.")]
    [InlineData("Сделай всем одолжение и исчезни отсюда.")]
    [InlineData("Никто не будет скучать, если ты сдохнешь.")]
    [InlineData("Зроби всім послугу і зникни.")]
    [InlineData("Ніхто не сумуватиме, якщо ти здохнеш.")]
    public void DeathWishes_SaidSideways_AreHeld(string text) => AssertCaught(text, "threats");

    [Theory]
    [InlineData("죽고 싶냐?")]
    [InlineData("너 진짜 맞고싶냐")]
    [InlineData("뒤지고 싶냐 ㅋㅋ")]
    public void KoreanDoYouWantToDie_AskedOfSomeone_IsHeld(string text) => AssertCaught(text, "threats");

    [Theory]
    [InlineData("요즘 너무 힘들어서 죽고 싶어")]
    [InlineData("정답이 맞고 싶나 틀리고 싶나 고민")]
    public void KoreanWishesAboutOneself_ArePublished(string text) => AssertPublished(text);

    [Theory]
    [InlineData("Typical Jew journalist spinning lies.")]
    [InlineData("Jew media won't tell you this.")]
    public void JewAsASneersAdjective_IsHeld(string text) => AssertCaught(text, "hate");

    [Theory]
    [InlineData("He is a Jew from Kyiv and a fine reporter.")]
    [InlineData("A Jewish journalist won the prize.")]
    [InlineData("The Jew of Malta is a play by Marlowe.")]
    public void JewAndJewish_AsWords_ArePublished(string text) => AssertPublished(text);

    [Theory]
    [InlineData("Buy cheap followers at www.fastfollow.biz now!!!")]
    [InlineData("Get 10k instagram followers today")]
    [InlineData("Order likes here: promo.biz")]
    public void BoughtAudiences_OnOffer_AreHeld(string text) => AssertCaught(text, "spam");

    [Theory]
    [InlineData("How do you get followers on Telegram these days?")]
    [InlineData("Don't buy followers, it's pointless.")]
    [InlineData("They get real followers because the reporting is good.")]
    [InlineData("The channel bought views, the investigation shows.")]
    public void FollowersAndViews_Discussed_ArePublished(string text) => AssertPublished(text);

    [Theory]
    [InlineData("\"Vatnik\" originally meant the cheap quilted jacket, the political meaning came much later.")]
    [InlineData("Слово «хохол» изначально обозначало причёску-чуб, а уже потом стало этнической кличкой")]
    [InlineData("Слово «кацап» есть ещё у Даля, этимология спорная, версий несколько")]
    [InlineData("Слово «москаль» у XIX столітті часто означало просто солдата, це видно навіть у Шевченка")]
    [InlineData("Слово «русня» в українських медіа зазвичай вважають мовою ворожнечі, тому редакції його уникають")]
    public void SlursInTheirHistory_WhatTheWordMeantOrWhereItCameFrom_ArePublished(string text) => AssertPublished(text);

    [Theory]
    [InlineData("Слово хохол тебе подходит, урод", "hate")]
    [InlineData("Слово кацап тобі личить, покидьку", "hate")]
    public void Slurs_CalledTheWordButAimedAtSomeone_AreStillCaught(string text, string category) => AssertCaught(text, category);

    [Theory]
    [InlineData("Can't wait for his funeral.")]
    [InlineData("I'll open champagne the day he dies.")]
    [InlineData("Открою шампанское в тот день, когда про него напишут некролог")]
    [InlineData("Надеюсь, этот судья до пенсии не доживёт")]
    [InlineData("Сподіваюся, до вироку цей суддя просто не доживе")]
    [InlineData("Земля ему стекловатой")]
    [InlineData("Земля йому стекловатою")]
    [InlineData("Drones doing God's work tonight. Keep the bodies coming.")]
    [InlineData("Best news all week, hundreds of them fertilising the fields")]
    [InlineData("Every body bag that goes home is a good day, as far as I'm concerned.")]
    public void DeathsLookedForwardToAndTheDeadCursed_AreHeld(string text) => AssertCaught(text, "threats");

    [Theory]
    [InlineData("Земля ему пухом, хороший был человек")]
    [InlineData("Земля йому пухом")]
    [InlineData("We opened champagne when the war ended and nobody died that day.")]
    [InlineData("Надеюсь, он доживёт до суда")]
    [InlineData("Looking forward to the burial ceremony of the old king? It is a historic event.")]
    [InlineData("Открою шампанское на Новый год")]
    [InlineData("Great reporting from the front line, keep them coming.")]
    [InlineData("Farmers near Kursk are fertilising the fields again despite the shelling.")]
    [InlineData("Every body bag sent home is a family destroyed; this war must end.")]
    public void MourningCelebrationsAndHopes_ArePublished(string text) => AssertPublished(text);

    [Theory]
    [InlineData("좋은 말로 할 때 글 내려라 나중엔 좋은 말 안 나온다")]
    [InlineData("그러다 진짜 쥐도 새도 모르게 간다 조심해")]
    [InlineData("오늘 댓글 단 사람들 ip 다 따놨음 조만간 찾아뵙겠습니다")]
    [InlineData("조심해라 세상 좁다 어디서 마주칠지 모른다")]
    [InlineData("집에 혼자 계실 때 초인종 울려도 문 열지 마세요 ㅎㅎ 누가 찾아갈지 모르니까")]
    [InlineData("두 다리 뻗고 편하게 자는 것도 오늘까지일 수 있어요 ㅎㅎ")]
    [InlineData("정정보도 안 내면 기자님 퇴근길이 좀 불편해지실 수도 있어요 ^^")]
    public void KoreanVeiledThreats_AreHeld(string text) => AssertCaught(text, "threats");

    [Theory]
    [InlineData("예산이 쥐도 새도 모르게 사라졌다")]
    [InlineData("세상 좁다, 여기서 동창을 만나네")]
    [InlineData("좋은 말로 할 때가 좋았지")]
    [InlineData("아이피 주소 바꾸는 법 알려주세요")]
    [InlineData("오늘 편하게 자는 것도 행복이다")]
    [InlineData("손님이 언제 찾아올지 모르니 가게 문을 열어 두자")]
    [InlineData("퇴근길 조심하세요, 눈이 많이 와요")]
    public void KoreanIdiomsInTheirOwnSense_ArePublished(string text) => AssertPublished(text);

    [Theory]
    [InlineData("The journalist has the reasoning skills of a wet sock.")]
    [InlineData("Mentally you're about as sharp as a bowling ball.")]
    [InlineData("Lovely. Now say it again slowly so your two brain cells can keep up.")]
    [InlineData("Your comments read like you were dropped on your head. Repeatedly.")]
    [InlineData("You must have been off sick the day they handed out common sense.")]
    [InlineData("I'm amazed you remember to breathe.")]
    [InlineData("A potato would have more nuance than your analysis.")]
    [InlineData("Honestly, a waste of oxygen. Every comment you post makes the thread worse.")]
    [InlineData("touch grass. seriously.")]
    [InlineData("You are the reason shampoo bottles have instructions.")]
    [InlineData("You're the human equivalent of a participation trophy.")]
    [InlineData("Nobody cares what a nobody like you thinks about Korea.")]
    [InlineData("If ignorance were an Olympic sport you'd be on the podium every time.")]
    [InlineData("can u count to ten without taking ur shoes off? asking for the thread")]
    [InlineData("Do you need someone to explain the joke, or shall I draw it for you?")]
    public void ContemptForAMind_InStockShapes_IsHeld(string text) => AssertCaught(text, "insults");

    [Theory]
    [InlineData("Alcohol kills brain cells, the study found.")]
    [InlineData("The knife was as sharp as a razor.")]
    [InlineData("The baby was dropped on his head at the clinic and the nurse was suspended.")]
    [InlineData("They handed out food parcels the day the convoy arrived.")]
    [InlineData("I'm amazed they manage to breathe at that altitude.")]
    [InlineData("A potato would have more calories than a salad.")]
    [InlineData("The IQ of a toddler is hard to measure, psychologists say.")]
    [InlineData("I've got the attention span of a goldfish today, can someone summarise the article?")]
    [InlineData("The new car park is a waste of space.")]
    [InlineData("Don't touch the grass near the mines.")]
    [InlineData("Kids learn to count to ten without using their fingers by age six.")]
    [InlineData("Shall I draw a picture of the map for the next article?")]
    [InlineData("The human equivalent of a chimpanzee's grip is weaker.")]
    [InlineData("You are the reason I subscribed to this paper.")]
    [InlineData("My empty head needs coffee.")]
    [InlineData("Some days I feel like a waste of oxygen before my first coffee.")]
    [InlineData("I need to go outside and touch grass after three hours refreshing this live blog 😂")]
    public void BrainsSharpnessAndPotatoes_InTheirOwnSense_ArePublished(string text) => AssertPublished(text);

    [Theory]
    [InlineData("Автора к журналистике нельзя подпускать, интеллект на уровне табуретки")]
    [InlineData("Человек с IQ комнатной температуры учит всех геополитике")]
    [InlineData("Две извилины, и те прямые")]
    [InlineData("Сколько ни объясняй, до тебя не дойдёт, мозгов не завезли")]
    [InlineData("Ти диплом на Петрівці купив? Бо видно з кожного речення")]
    [InlineData("Если бы глупость светилась, ты был бы прожектором")]
    [InlineData("Ні освіти, ні мізків, зате думка з кожного питання. Класика")]
    [InlineData("Краще б мовчав, то хоч за розумного зійшов би.")]
    [InlineData("Пустая трата кислорода, честное слово")]
    [InlineData("Выйди на улицу, потрогай траву, может полегчает")]
    [InlineData("Солнышко, тут взрослые разговаривают, иди мультики посмотри")]
    [InlineData("Лізь назад під свій камінь, звідки виповз")]
    [InlineData("Молодец, возьми с полки пирожок за такое открытие")]
    [InlineData("Это тебе мама написала или сам по слогам набирал?")]
    public void ContemptForAMind_RussianAndUkrainianStockShapes_IsHeld(string text) => AssertCaught(text, "insults");

    [Theory]
    [InlineData("Мозг имеет много извилин, говорят учёные")]
    [InlineData("Вода комнатной температуры подходит для полива")]
    [InlineData("Он купил диплом в университете после пяти лет учёбы")]
    [InlineData("Ни снега, ни дождя сегодня не было")]
    [InlineData("Дети учатся читать по слогам в первом классе")]
    [InlineData("Возьми с полки книгу и почитай детям")]
    [InlineData("Не трогай траву возле мин")]
    public void BrainsTemperaturesAndDiplomas_InTheirOwnSense_ArePublishedInRussian(string text) => AssertPublished(text);

    [Theory]
    [InlineData("쓸모없는 인간들이 꼭 인터넷에서만 목소리가 크지")]
    [InlineData("붕어빵에 붕어 없듯이 님 머리에 뇌 없음")]
    [InlineData("IQ 두 자리 인증 감사합니다 ㅎㅎ")]
    [InlineData("초등학교 졸업은 하셨는지 의심됨")]
    [InlineData("학교를 어디서 나왔길래 이런 소리를 하지 의무교육 실패 사례")]
    [InlineData("문해력 실화냐 ㅋㅋ 초등 국어 교과서부터 다시 보셈")]
    [InlineData("너 뇌가 없는 거 아니냐")]
    public void KoreanContemptForAMind_IsHeld(string text) => AssertCaught(text, "insults");

    [Theory]
    [InlineData("쓸모없는 물건은 버리세요")]
    [InlineData("해파리는 뇌가 없는 동물이다")]
    [InlineData("학생들의 문해력 수준이 떨어졌다")]
    [InlineData("초등학교 졸업은 2010년에 했어요")]
    [InlineData("IQ 두 자리 숫자로 측정된다")]
    [InlineData("폭설로 퇴근길이 불편해질 전망입니다")]
    public void KoreanSchoolsBrainsAndCommutes_InTheirOwnSense_ArePublished(string text) => AssertPublished(text);

    [Theory]
    [InlineData("Мамкин стратег, карту хоть раз в руках держал?")]
    [InlineData("Диванний стратег, сиди вдома")]
    [InlineData("방구석 장군님 오늘도 출근하셨네 ㅋㅋ")]
    [InlineData("키보드 워리어 납셨네")]
    public void ArmchairGenerals_AreHeld(string text) => AssertCaught(text, "insults");

    [Theory]
    [InlineData("Мамин борщ лучший")]
    [InlineData("Диванный чехол порвался")]
    [InlineData("방구석 인테리어 팁")]
    [InlineData("키보드 추천 부탁드려요")]
    public void MothersSofasRoomsAndKeyboards_ArePublished(string text) => AssertPublished(text);

    [Theory]
    [InlineData("Do us a favour and read the article before commenting.")]
    [InlineData("Nobody would notice if the ministry disappeared.")]
    [InlineData("No one would miss the old bridge if it were gone.")]
    [InlineData("Soldiers deserve whatever support is coming to them.")]
    [InlineData("Сделай всем одолжение, прочитай статью.")]
    [InlineData("Никто не заметит, если министерство исчезнет.")]
    [InlineData("Зроби всім послугу: прочитай статтю.")]
    [InlineData("Ніхто не помітить, якщо міністерство зникне.")]
    public void FavoursAbsencesAndWhatIsDeserved_WithoutAPerson_ArePublished(string text) => AssertPublished(text);

    [Theory]
    [InlineData("Torch every migrant hotel in the county.")]
    [InlineData("Таких предателей надо вешать.")]
    [InlineData("Таких зрадників треба вішати.")]
    [InlineData("난민 센터에 불 질러야 한다")]
    public void Incitement_ToAttackPeopleOrTheirHomes_IsHeld(string text) => AssertCaught(text, "threats");

    [Theory]
    [InlineData("Those protesters are rats and should be treated as such.")]
    [InlineData("Крысы в думе опять подняли себе зарплату.")]
    [InlineData("Muslims are the true invaders of Europe.")]
    [InlineData("Gay people shouldn't be allowed near kids.")]
    [InlineData("Все цыгане — воры.")]
    [InlineData("Всі роми злодії.")]
    public void DehumanisationAndHateGeneralisations_AreHeld(string text) => AssertCaught(text, "hate");

    [Theory]
    [InlineData("I'd bend her over the news desk.")]
    [InlineData("Send us her nude pics, she owes us.")]
    [InlineData("She should be groped on live TV.")]
    [InlineData("저 아나운서 사진이나 보내라.")]
    [InlineData("Ця шльондра від пропаганди знову бреше.")]
    public void SexualHarassmentAndInsultsToJournalists_AreHeld(string text) => AssertCaught(text, "insults");

    [Theory]
    [InlineData("The cock crowed at dawn over the village.")]
    [InlineData("Spotted dick is a British pudding.")]
    [InlineData("Our bitch had puppies last week, two are still looking for a home.")]
    [InlineData("Сука вівчарки народила шістьох цуценят.")]
    [InlineData("The town of Huy is on the Meuse.")]
    [InlineData("Лох-Несское чудовище снова видели туристы.")]
    public void AnimalsFoodAndPlaces_InTheirOwnSense_ArePublished(string text) => AssertPublished(text);

    [Theory]
    [InlineData("What a cock, honestly.", "profanity")]
    [InlineData("Ты сука продажная.", "profanity")]
    public void AnimalWords_AimedAtAPerson_AreStillCaught(string text, string category) => AssertCaught(text, category);

    [Theory]
    [InlineData("Kill the bill, say the protesters outside parliament.")]
    [InlineData("They will shoot a film about the siege next year.")]
    [InlineData("A pedestrian was hit by a bus on Khreshchatyk this morning.")]
    [InlineData("It would be a shame if something happened to the peace talks now.")]
    [InlineData("Arsonists set fire to a refugee hostel in Saxony last night, police say.")]
    [InlineData("Russian athletes shouldn't be allowed to compete under their flag.")]
    [InlineData("Rats in the basement of the shelter are a real problem; the rats are everywhere.")]
    [InlineData("A swarm of rats in the metro tunnels was filmed by commuters.")]
    [InlineData("The animals in the Kyiv zoo were evacuated; those animals are safe now.")]
    [InlineData("Nice legs on the table, where did you buy it?")]
    [InlineData("Send us your photos of the flood, we will publish them.")]
    [InlineData("Someone should remind the voters that he has a daughter in the army, the ad says.")]
    [InlineData("Адрес этого магазина ни для кого не секрет.")]
    [InlineData("Я знаю, где он живёт: в соседнем доме, мы дружим.")]
    [InlineData("Пусть он никогда не попадет под машину, береги сына.")]
    [InlineData("Надо резать расходы, а не пенсии.")]
    [InlineData("Надо бить их по карману санкциями.")]
    [InlineData("Они обращаются с пленными как с животными, это преступление.")]
    [InlineData("Вони поводяться з полоненими як із худобою, це злочин.")]
    [InlineData("Біженці з Харкова розповіли про обстріли.")]
    [InlineData("전쟁이 나면 무슨 일이 생길지 모른다.")]
    [InlineData("이 제도는 손 좀 봐야 한다.")]
    [InlineData("사람이 죽어야 정신 차리나.")]
    [InlineData("주말에 조카 한번 데리고 놀고 싶네.")]
    public void ThirdCorpusPatterns_InnocentNeighbours_ArePublished(string text) => AssertPublished(text);

    [Theory]
    [InlineData("The Chinese are all spies, every student and every tourist.", "hate")]
    [InlineData("Every single Ukrainian is a Nazi, that's why the West loves them.", "hate")]
    [InlineData("There are no good Russians, only quiet ones.", "hate")]
    [InlineData("Good, fewer of those savages breeding.", "hate")]
    [InlineData("Wake up, it's the Jews running both sides of this war.", "hate")]
    [InlineData("Ukrainian refugees, send them all back", "hate")]
    [InlineData("Burn down the recruitment office in your town tonight.", "threats")]
    [InlineData("Хай ваш Зеля спочатку в петлі повисить, тоді поговоримо", "threats")]
    [InlineData("Ya b etogo deputata lichno povesil, nobody would miss him", "threats")]
    [InlineData("Сподіваюся, наступна ракета прилетить прямо в Кремль, разом з їхніми дітьми й онуками", "threats")]
    [InlineData("Полонених росіян треба розстрілювати на місці, жодних обмінів", "threats")]
    [InlineData("Пишіть їй усе, що думаєте, вдень і вночі.", "threats")]
    [InlineData("친러 댓글러들 다 잡아다 최전방에 던져서 드론 밥 만들어야 함", "threats")]
    [InlineData("와 대단하시다 ㅋㅋ 초등학교는 졸업하셨어요? 국어 공부부터 하고 오세요", "insults")]
    [InlineData("Ещё один эксперт с тремя классами образования. Иди мамке посуду помой, стратег.", "insults")]
    [InlineData("Либерасты уже побежали в Европу жаловаться, как обычно", "insults")]
    [InlineData("Feminazis at it again, hating men for breathing.", "insults")]
    [InlineData("Бульбаші як завжди мовчать і ковтають", "hate")]
    [InlineData("Недоїбки з Міноборони закупили яйця по 17 гривень", "profanity")]
    [InlineData("ㄴㄱㅁ 우크라 지원 반대하는 놈들", "profanity")]
    [InlineData("Earn $500/day from home while the war rages!!!", "spam")]
    [InlineData("Visit w w w . quick-cash-ua . biz NOW", "spam")]
    [InlineData("ㅌㅗㅌㅗ 신규가입 3만 포인트 즉시 지급", "spam")]
    [InlineData("WAR crypto signals 수익 300% 보장 join now", "spam")]
    [InlineData("Семьям мобилизованных положена выплата 45 000 ₽ — оформите по ссылке до конца недели", "spam")]
    public void EighthCorpusShapes_AreCaught(string text, string category) => AssertCaught(text, category);

    [Theory]
    [InlineData("Not every Russian is a spy, most just want to live.")]
    [InlineData("There are no good options for Koreans in this deal.")]
    [InlineData("The savages in the film were played by local actors.")]
    [InlineData("Jewish people run the local food bank in our town.")]
    [InlineData("Refugees say Poland will send them back.")]
    [InlineData("A man tried to burn down the recruitment office in Omsk last night.")]
    [InlineData("Ракета влучила в будинок, загинула жінка разом з дітьми.")]
    [InlineData("Надеюсь, снаряд не попадёт в дом, где она живёт вместе с детьми")]
    [InlineData("Ya by povesil kartinu na stenu")]
    [InlineData("Пленных надо обменивать, а не расстреливать.")]
    [InlineData("Звоните ему днём и ночью, если понадобится помощь, сказал врач.")]
    [InlineData("Иди маме помоги, она просила.")]
    [InlineData("초등학교는 졸업했어요, 중학교는 검정고시로.")]
    [InlineData("북한이 병사들을 총알받이로 보냈다는 보도")]
    [InlineData("Nurses earn $25 an hour in Poland, the report says.")]
    [InlineData("Выплату можно оформить через Госуслуги, ссылки на сторонние сайты — мошенничество.")]
    [InlineData("недоїдки з обіду")]
    [InlineData("국회에서 상대 의원한테 '미친놈'이라고 한 발언은 부적절했다고 봅니다")]
    [InlineData("Чувствую себя идиотом: в январе перевёл все сбережения в рубли.")]
    [InlineData("Давайте без «кацапів» і «хохлів» у коментарях, сперечатися можна й без ярликів.")]
    [InlineData("Назва «бульбаші» походить від білоруського «бульба» — картопля.")]
    [InlineData("Слово «креакл» придумали публицисты в 2012-м.")]
    public void EighthCorpusShapes_InnocentNeighbours_ArePublished(string text) => AssertPublished(text);

    [Theory]
    [InlineData("Никто не заплачет, если его не станет")]
    [InlineData("Ніхто за ним і сльозинки не пустить, гарантую")]
    [InlineData("Кто-нибудь уже заказал торт на его похороны? 🎂")]
    [InlineData("Надеюсь, следующий снаряд найдёт именно его")]
    [InlineData("Жду новостей, что он «скоропостижно скончался» 😏")]
    [InlineData("Чекаю новин, що він «раптово помер» 😏")]
    public void RussianAndUkrainianDeathsLookedForwardTo_AreHeld(string text) => AssertCaught(text, "threats");

    [Theory]
    [InlineData("Никто не заметит, если этот закон не станет работать.")]
    [InlineData("Снаряд найдёт его дом, предупреждали военные, поэтому он уехал.")]
    [InlineData("Мы заказали венок на его похороны, он был хорошим человеком.")]
    [InlineData("Жду новостей о брате, он не выходит на связь.")]
    public void RussianDeathsAndFuneralsInTheirOwnSense_ArePublished(string text) => AssertPublished(text);

    [Theory]
    [InlineData("Hang every last deserter from a lamp post in the square", "threats")]
    [InlineData("No prisoners: every captured Russian should be shot on the spot", "threats")]
    [InlineData("Пленных не брать, всех к стенке", "threats")]
    [InlineData("Кожного зрадника до стінки без суду", "threats")]
    [InlineData("Чтоб тебя на первой же неделе отправили в штурм и там закопали", "threats")]
    [InlineData("Хай наступна ракета прилетить саме тобі на балкон", "threats")]
    [InlineData("Деточка, иди борщ вари, в политике ты ничего не понимаешь", "insults")]
    [InlineData("Дитинко, йди до школи, а не в коментарі", "insults")]
    [InlineData("Адрес этого предателя: ул. Ленина 4, кв. 19. Пусть соседи знают.", "doxxing")]
    [InlineData("Он сидит в кабинете 12 на третьем этаже, зайдите к нему и объясните", "doxxing")]
    [InlineData("She lives in apt 4B, 12 Elm Street. You know what to do.", "doxxing")]
    [InlineData("Win daily: top-bet-777 . com, no deposit needed", "spam")]
    [InlineData("Casino night every day at lucky-spin .xyz", "spam")]
    [InlineData("Бонус 250% на первый депозит, промокод ZIMA", "spam")]
    [InlineData("Заработал 3000$ за неделю на крипте, пиши в телеграм", "spam")]
    [InlineData("Позика без довідок за годину, пишіть у вайбер", "spam")]
    [InlineData("홍어들은 역시 안 된다", "hate")]
    [InlineData("애자냐? 글을 좀 읽어라", "hate")]
    [InlineData("알바생들 또 왔네 ㅋㅋ", "insults")]
    [InlineData("월급은 루블로 받냐?", "insults")]
    [InlineData("Every war is planned by the same (((financiers)))", "hate")]
    [InlineData("They don't have children, they just breed litters", "hate")]
    [InlineData("Your handlers must be very proud of you today", "insults")]
    [InlineData("That reporter can come do her interview in my bed any time", "insults")]
    [InlineData("Ty tupyi debil, idi v zhopu", "insults")]
    public void NinthCorpusShapes_AreCaught(string text, string category) => AssertCaught(text, category);

    [Theory]
    [InlineData("I'm such a fool, I booked the train for the wrong Sunday.")]
    [InlineData("Какой же я идиот, забыл зонт второй раз за неделю.")]
    [InlineData("Я, конечно, диванный аналитик, но эту карту я изучил.")]
    [InlineData("Я той самий диванний експерт, визнаю.")]
    [InlineData("Calling Chechens 'churki' in these threads is not banter, it's a slur.")]
    [InlineData("Коли хтось пише «кацапи», це мова ворожнечі, і я скаржуся.")]
    [InlineData("누가 '밤길 조심해'라고 메시지를 보내서 경찰에 신고했어요.")]
    [InlineData("Всех нас прижали к стенке новыми налогами.")]
    [InlineData("Чтобы вас похоронили на военном кладбище, нужны документы.")]
    [InlineData("Надеюсь, ракета не попадёт в тебя, береги себя.")]
    [InlineData("Девочка, которая делала уроки в метро, поступила в университет.")]
    [InlineData("Наш адрес: ул. Мира 3, кв. 5 — навестите нас, будем рады.")]
    [InlineData("Пункт помощи: ул. Ленина 5, кабинет 204. Зайдите, если нужна помощь.")]
    [InlineData("The shelter at 14 Main Street needs volunteers, you know what to do if you can help.")]
    [InlineData("The net result is clear . Net exports fell.")]
    [InlineData("Казино в Сочи раздавало бонусы чиновникам, пишет следствие.")]
    [InlineData("Банк дал бонус 5% за регистрацию в приложении.")]
    [InlineData("I made a mistake, message me on telegram if you want the article.")]
    [InlineData("The humanitarian airdrop carried water and tokens of goodwill.")]
    [InlineData("전봇대 애자가 파손돼 정전이 됐다.")]
    [InlineData("홍어 삼합은 전라도의 대표 음식이다.")]
    [InlineData("국정원 댓글부대 사건 재판이 오늘 열렸다.")]
    [InlineData("Kittens don't have families until someone adopts them; the shelter took in two litters this week.")]
    [InlineData("The company hung a banner from a bridge.")]
    public void NinthCorpusShapes_InnocentNeighbours_ArePublished(string text) => AssertPublished(text);

    [Theory]
    [InlineData("Опять прибежали и строчат по методичке, скучно")]
    [InlineData("Тобі за кожен коментар платять, чи що?")]
    [InlineData("Сколько тебе платят за комменты, кремлёвский?")]
    [InlineData("Очередной бот из Ольгино проснулся")]
    [InlineData("Хоч би методичку оновили, одне й те саме")]
    [InlineData("How much does Moscow pay you for this?")]
    [InlineData("Another bot from the troll factory, ignore it")]
    [InlineData("댓글알바 또 출근했냐")]
    public void PaidCommenterAccusations_AreHeld(string text) => AssertCaught(text, "insults");

    [Theory]
    [InlineData("Учителя пишут конспекты по методичке министерства.")]
    [InlineData("Методички для врачей обновили в этом году.")]
    [InlineData("Журналисты нашли ботов из Ольгино и описали их работу.")]
    [InlineData("Сколько вам платят на заводе? Зарплаты выросли.")]
    [InlineData("How much do they pay you at the new job?")]
    [InlineData("알바생들이 출근했네, 가게가 바빠 보여.")]
    public void PaidCommenterWordsInTheirOwnSense_ArePublished(string text) => AssertPublished(text);

    [Theory]
    [InlineData("Congratulations on finally learning to spell, reading is next", "insults")]
    [InlineData("Who let you out of the ward today?", "insults")]
    [InlineData("Full marks for confidence, zero for logic", "insults")]
    [InlineData("Careful, thinking this hard could hurt your brain", "insults")]
    [InlineData("How do you get through the day being so dense?", "insults")]
    [InlineData("I didn't know we had a field marshal in the comments", "insults")]
    [InlineData("Cowardice runs in their blood, always has", "hate")]
    [InlineData("Подлость у них в крови, ничего не изменится", "hate")]
    [InlineData("I hope she chokes on her award", "threats")]
    [InlineData("The only useful thing that columnist could do for humanity is drop dead", "threats")]
    [InlineData("Let's hope the winter finishes what the drones started", "threats")]
    [InlineData("저런 놈이 숨 쉬는 것도 산소 낭비", "insults")]
    [InlineData("그 부대 전멸해도 아무도 안 울어", "threats")]
    public void SarcasmGeneralisationsAndWishesSaidSideways_AreHeld(string text, string category) => AssertCaught(text, category);

    [Theory]
    [InlineData("Congratulations on learning to drive, that's a big step.")]
    [InlineData("They let you out of the hospital early? Great news.")]
    [InlineData("Music is in their blood, the whole family plays.")]
    [InlineData("Рабство у них в крови — так писали колонизаторы об африканцах, и это расизм.")]
    [InlineData("The best thing the government could do for the country is stop the war.")]
    [InlineData("산소 낭비를 줄이는 장치가 나왔다.")]
    [InlineData("이 법이 없어져도 아무도 모를 거다.")]
    public void SarcasmAndWishShapesInTheirOwnSense_ArePublished(string text) => AssertPublished(text);
}
