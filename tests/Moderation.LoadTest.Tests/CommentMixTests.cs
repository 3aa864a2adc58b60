using System.Net;
using System.Net.Sockets;
using Moderation.LoadTest;

namespace Moderation.LoadTest.Tests;

public sealed class CommentMixTests
{
    private const int Calls = 5_000;

    private static readonly DateTimeOffset Start = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Next_SameSeedAndRun_GeneratesTheSameCalls()
    {
        var first = new CommentMix(3, "run", Start, realistic: true);
        var second = new CommentMix(3, "run", Start, realistic: true);

        for (long n = 1; n <= 500; n++)
        {
            Assert.Equal(first.Next(n).ToString(), second.Next(n).ToString());
        }
    }

    [Fact]
    public void Next_OtherSeed_GeneratesOtherTexts()
    {
        var first = new CommentMix(3, "run", Start, realistic: true);
        var second = new CommentMix(4, "run", Start, realistic: true);

        int same = Enumerable.Range(1, 200).Count(n => Text(first.Next(n)) == Text(second.Next(n)));

        Assert.True(same < 40, $"{same} of 200 texts were the same under another seed");
    }

    [Fact]
    public void Next_Realistic_HasEveryPartOfTheMix()
    {
        var mix = new CommentMix(1, "run", Start, realistic: true);

        var kinds = Enumerable.Range(1, Calls).Select(n => mix.Next(n).Kind).CountBy(kind => kind).ToDictionary();

        foreach (string kind in new[] { "clean", "reply", "profanity", "spam", "contact", "campaign", "repeat", "mixed-language", "hot-author", "report", "decision" })
        {
            Assert.True(kinds.GetValueOrDefault(kind) > 0, $"no '{kind}' in {Calls} calls: {string.Join(", ", kinds)}");
        }

        Assert.InRange(kinds["clean"] + kinds["reply"], Calls * 0.4, Calls * 0.8);
    }

    [Fact]
    public void Next_ReportsDecisionsAndReplies_PointAtCommentsEarlierCallsSubmitted()
    {
        var mix = new CommentMix(1, "run", Start, realistic: true);
        var submitted = new HashSet<string>(StringComparer.Ordinal);

        for (long n = 1; n <= Calls; n++)
        {
            string? target = mix.Next(n) switch
            {
                SubmitCall { Request.ParentId: { Length: > 0 } parent } => parent,
                ReportCall report => report.Request.CommentId,
                DecideCall decide => decide.Request.CommentId,
                _ => null,
            };
            Assert.True(target is null || submitted.Contains(target), $"call {n} points at {target}, which no earlier call submitted");
            if (mix.Next(n) is SubmitCall submit)
            {
                submitted.Add(submit.Request.CommentId);
            }
        }
    }

    [Fact]
    public void Next_Submissions_ComeFromIpv4AndIpv6AndManyAuthors()
    {
        var mix = new CommentMix(1, "run", Start, realistic: true);

        var submissions = Enumerable.Range(1, Calls).Select(n => mix.Next(n)).OfType<SubmitCall>().Select(s => s.Request).ToList();
        var families = submissions.Select(s => IPAddress.Parse(s.IpAddress).AddressFamily).ToHashSet();

        Assert.Equal([AddressFamily.InterNetwork, AddressFamily.InterNetworkV6], families.Order());
        Assert.True(submissions.Select(s => s.Author.Id).Distinct().Count() > submissions.Count / 2, "too few authors");
        Assert.Equal(submissions.Count, submissions.Select(s => s.CommentId).Distinct().Count());
    }

    [Fact]
    public void Next_NotRealistic_SubmitsNewCommentsOnly()
    {
        var mix = new CommentMix(1, "run", Start, realistic: false);

        Assert.All(Enumerable.Range(1, 1_000).Select(n => mix.Next(n)), call => Assert.Equal("clean", Assert.IsType<SubmitCall>(call).Kind));
    }

    private static string Text(MixCall call) => call is SubmitCall submit ? submit.Request.Text : call.Kind;
}
