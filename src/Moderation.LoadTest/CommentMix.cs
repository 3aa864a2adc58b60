using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Moderation.Api.V1;

namespace Moderation.LoadTest;

/// <summary>One generated call: what to send and which part of the mix it stands for.</summary>
internal abstract record MixCall(string Kind);

internal sealed record SubmitCall(string Kind, SubmitCommentRequest Request) : MixCall(Kind);

internal sealed record ReportCall(ReportCommentRequest Request) : MixCall("report");

/// <summary>A moderator's decision: the comment is read first, and decided on the version read.</summary>
internal sealed record DecideCall(DecideCommentRequest Request) : MixCall("decision");

/// <summary>
/// Generated traffic, the same sequence for a seed: what a news site's comment threads send.
/// Call <c>n</c> depends only on the seed and <c>n</c> (reports and replies point at the
/// comment an earlier call created), so a run is repeatable while ids stay unique per run.
/// </summary>
/// <remarks>
/// <c>submit</c>: new comments only, each from its own author on one of 2,000 articles, the
/// workload the throughput figures use. <c>mix</c>: clean comments in the four languages
/// (some replies), profanity written the ways people dodge filters, spam with links, contact
/// details, one author repeating a text, copy-paste campaigns across authors, a few hot authors
/// and a hot article so the limits refuse as they would, reports from readers and moderators'
/// decisions. Addresses are IPv4 and IPv6.
/// </remarks>
internal sealed class CommentMix(int seed, string run, DateTimeOffset start, bool realistic)
{
    /// <summary>How far back (in calls) a report, a decision or a reply may point.</summary>
    private const int LookBack = 100;

    /// <summary>Of each 1,000 calls of the mix past <see cref="LookBack"/>: reports below this roll…</summary>
    private const int ReportRolls = 70;

    /// <summary>…decisions below this one, submissions from it on.</summary>
    private const int NonSubmissionRolls = 100;

    private static readonly string[][] Openings =
    [
        ["Thank you for this careful reporting.", "I read the whole piece twice.", "Good article, but one thing bothers me.", "This is the first report I trust on this.", "Finally someone asks the hard questions.", "My brother served near there.", "Interesting, though the headline overstates it.", "I have followed this story since spring."],
        ["Спасибо за статью.", "Прочитал два раза, очень подробно.", "Хороший материал, но есть вопрос.", "Наконец-то кто-то пишет по делу.", "Мой брат служил недалеко оттуда.", "Заголовок слишком громкий.", "Слежу за этой историей с весны.", "Интересно, но источников мало."],
        ["Дякую за матеріал.", "Прочитала двічі, дуже докладно.", "Добра стаття, але є питання.", "Нарешті хтось пише по суті.", "Мій брат служив неподалік.", "Заголовок занадто гучний.", "Стежу за цією історією з весни.", "Цікаво, але джерел замало."],
        ["기사 잘 읽었습니다.", "두 번 읽었는데 아주 자세하네요.", "좋은 기사지만 궁금한 점이 있습니다.", "드디어 제대로 된 보도가 나왔네요.", "제 형이 그 근처에서 복무했습니다.", "제목이 좀 과장된 것 같아요.", "봄부터 이 소식을 지켜보고 있습니다.", "흥미롭지만 출처가 부족합니다."],
    ];

    private static readonly string[][] Bodies =
    [
        ["The ministry said {0} soldiers, the article says {1}.", "Where are the sources for the {0} losses near Kursk?", "Satellite photos from day {0} show something else.", "If {0} troops really crossed, the supply lines matter more than the count.", "The map in paragraph {0} is out of date.", "Compare this with the {1} figure from last month."],
        ["Министерство называло {0}, а в статье {1}.", "Откуда цифра {0} под Курском?", "Снимки со спутника за {0} день показывают другое.", "Если там правда {0} человек, важнее снабжение.", "Карта в абзаце {0} устарела.", "Сравните с цифрой {1} за прошлый месяц."],
        ["Міністерство казало {0}, а в статті {1}.", "Звідки цифра {0} під Курськом?", "Супутникові знімки за {0} день показують інше.", "Якщо там справді {0} людей, важливіше постачання.", "Мапа в абзаці {0} застаріла.", "Порівняйте з цифрою {1} за минулий місяць."],
        ["국방부는 {0}명이라고 했는데 기사에는 {1}명이네요.", "쿠르스크 근처 {0}명 손실의 출처가 어디인가요?", "{0}일차 위성 사진은 다르게 보입니다.", "정말 {0}명이 넘어갔다면 보급이 더 중요합니다.", "{0}번째 문단의 지도는 오래된 것입니다.", "지난달 {1}명이라는 수치와 비교해 보세요."],
    ];

    private static readonly string[] Profanity =
    [
        "What a f*cking disgrace, {0} dead for nothing.",
        "This is bullsh1t and everyone knows it.",
        "The general is a f u c k i n g idiot.",
        "Shut up you stupid b1tch.",
        "Ну и СУКА же этот генерал, {0} человек положил.",
        "Какой пиздец, {0} погибших.",
        "Заебали уже со своей пропагандой.",
        "Ця курва знову бреше.",
        "씨1발 진짜 {0}명이라니.",
        "ㅅㅂ 이게 말이 되냐",
        "병 신 같은 작전이네",
        "Blyat, {0} again? Suka.",
    ];

    private static readonly string[] Spam =
    [
        "Buy cheap watches at http://deals-{0}.example.com now!!!",
        "Make money online: https://bit.ly/x{0} click here",
        "Free bitcoin giveaway www.crypto-{0}.example.net",
        "Скидки до 90% на https://shop{0}.example.ru переходи",
    ];

    private static readonly string[] Contact =
    [
        "Call me on +1 202 555 {0:0000} for the real story.",
        "Write to insider{0}@example.com, I have the documents.",
        "Пишите в телеграм, мой номер +7 916 555-{0:00}-{1:00}",
    ];

    private static readonly string[] Campaigns =
    [
        "The western media lies about Kursk. Share before they delete this!",
        "Всё это фейк, не верьте западным СМИ. Распространите!",
        "쿠르스크 보도는 전부 조작입니다. 널리 알려주세요!",
    ];

    private static readonly string[] Repeated =
    [
        "Read my blog for the truth.",
        "I said it before and I will say it again: resign!",
        "Первый!",
    ];

    private static readonly ReasonCode[] ReportReasons = [ReasonCode.Abuse, ReasonCode.Spam, ReasonCode.OffTopic, ReasonCode.PersonalInformation, ReasonCode.Other];

    private static readonly Timestamp OldAccount = Timestamp.FromDateTimeOffset(new DateTimeOffset(2019, 3, 1, 0, 0, 0, TimeSpan.Zero));

    /// <summary>A run tag for ids: a fresh one per run unless given, so two runs never replay each other's comments.</summary>
    public static string NewRunTag() => Convert.ToHexStringLower(Guid.NewGuid().ToByteArray().AsSpan(0, 4));

    // Accounts younger than a day: the run's start less a few hours, so a run repeats exactly.
    /// <summary>The call at position <paramref name="n"/> (1-based).</summary>
    public MixCall Next(long n)
    {
        var random = RandomFor(n);
        if (!IsSubmission(n, random, out int roll))
        {
            if (roll < ReportRolls)
            {
                return new ReportCall(new ReportCommentRequest
                {
                    CommentId = EarlierComment(n, random),
                    ReporterId = Id("reader", random.Next(50_000)),
                    Reason = ReportReasons[random.Next(ReportReasons.Length)],
                });
            }

            return new DecideCall(new DecideCommentRequest
            {
                CommentId = EarlierComment(n, random),
                Verdict = random.Next(3) == 0 ? Verdict.Rejected : Verdict.Approved,
                ReasonCode = ReasonCode.Abuse,
            });
        }

        return Submission(n, random);
    }

    private SubmitCall Submission(long n, Random random)
    {
        string kind = "clean";
        var request = new SubmitCommentRequest
        {
            CommentId = CommentId(n),
            ArticleId = Id("article", random.Next(2_000)),
            Author = new Author { Id = Id("author", random.Next(1_000_000)), CreatedAt = OldAccount },
            IpAddress = random.Next(5) == 0 ? Ipv6(random) : Ipv4(random),
        };
        int language = random.Next(Openings.Length);
        request.Text = Clean(language, random);
        if (realistic)
        {
            int roll = random.Next(1000);
            (kind, request.Text) = roll switch
            {
                < 100 => ("profanity", Fill(Profanity[random.Next(Profanity.Length)], random)),
                < 150 => ("spam", Fill(Spam[random.Next(Spam.Length)], random)),
                < 180 => ("contact", Fill(Contact[random.Next(Contact.Length)], random)),
                < 220 => ("campaign", Campaigns[random.Next(Campaigns.Length)]),
                < 250 => ("repeat", Repeated[random.Next(Repeated.Length)]),
                < 300 => ("mixed-language", Clean(0, random) + " " + Clean(1 + random.Next(3), random)),
                _ => (kind, request.Text),
            };

            if (kind == "repeat" || random.Next(50) == 0)
            {
                // A few hot authors post far above their limit, as a thread's regulars do.
                request.Author.Id = Id("hot-author", random.Next(5));
                kind = kind == "repeat" ? kind : "hot-author";
            }

            if (random.Next(30) == 0)
            {
                request.ArticleId = Id("article", -1);
            }

            if (random.Next(10) == 0)
            {
                request.Author.CreatedAt = Timestamp.FromDateTimeOffset(start.AddHours(-random.Next(1, 20)));
            }

            if (kind == "clean" && n > LookBack && random.Next(6) == 0)
            {
                request.ParentId = EarlierComment(n, random);
                kind = "reply";
            }
        }

        return new SubmitCall(kind, request);
    }

    /// <summary>The id of a comment an earlier call created (a submission, found by walking back).</summary>
    private string EarlierComment(long n, Random random)
    {
        long earlier = n - random.Next(LookBack / 4, LookBack);
        while (earlier > 1 && !IsSubmission(earlier))
        {
            earlier--;
        }

        return CommentId(Math.Max(1, earlier));
    }

    private bool IsSubmission(long n) => IsSubmission(n, RandomFor(n), out _);

    /// <summary>Whether call <paramref name="n"/> submits, read from the first roll of its <paramref name="random"/>.</summary>
    private bool IsSubmission(long n, Random random, out int roll)
    {
        roll = realistic && n > LookBack ? random.Next(1000) : NonSubmissionRolls;
        return roll >= NonSubmissionRolls;
    }

    private string CommentId(long n) => string.Create(CultureInfo.InvariantCulture, $"load-{run}-{n}");

    private string Id(string what, int number) => string.Create(CultureInfo.InvariantCulture, $"{what}-{run}-{number}");

    private Random RandomFor(long n)
    {
        // SplitMix64: a stable mix of (seed, n); HashCode.Combine differs in every process.
        ulong z = unchecked(((ulong)(uint)seed << 32) + (ulong)n + 0x9E3779B97F4A7C15UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return new Random((int)(z ^ (z >> 31)));
    }

    private static string Clean(int language, Random random) =>
        Openings[language][random.Next(Openings[language].Length)] + " " + Fill(Bodies[language][random.Next(Bodies[language].Length)], random);

    private static string Fill(string template, Random random) =>
        string.Format(CultureInfo.InvariantCulture, template, random.Next(2, 30_000), random.Next(2, 100));

    private static string Ipv4(Random random) =>
        string.Create(CultureInfo.InvariantCulture, $"{random.Next(1, 224)}.{random.Next(256)}.{random.Next(256)}.{random.Next(1, 255)}");

    private static string Ipv6(Random random) =>
        string.Create(CultureInfo.InvariantCulture, $"2001:db8:{random.Next(65536):x}:{random.Next(65536):x}::{random.Next(1, 65536):x}");
}
