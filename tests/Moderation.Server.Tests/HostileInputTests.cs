using System.Diagnostics;
using System.Text;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Health.V1;
using Moderation.Api.V1;
using Moderation.Server.Auth;
using GrpcHealth = Grpc.Health.V1.Health;

namespace Moderation.Server.Tests;

/// <summary>
/// Generated hostile input over gRPC: every call must end with a status that means something to
/// the caller (never UNKNOWN or INTERNAL), and the service must still serve afterwards. The seed
/// is fixed so a failure reproduces.
/// </summary>
public sealed class HostileInputTests(InMemoryServer server) : IClassFixture<InMemoryServer>
{
    private const int Seed = 20261124;
    private const int Samples = 150;

    private static readonly StatusCode[] Defined =
    [
        StatusCode.OK, StatusCode.InvalidArgument, StatusCode.NotFound, StatusCode.AlreadyExists,
        StatusCode.ResourceExhausted, StatusCode.Aborted, StatusCode.Unimplemented,
    ];

    private readonly CommentService.CommentServiceClient _comments = new(server.Factory.ChannelFor(Roles.Site));
    private readonly ModerationService.ModerationServiceClient _moderation = new(server.Factory.ChannelFor(Roles.Moderator));
    private readonly RulesService.RulesServiceClient _rules = new(server.Factory.ChannelFor(Roles.Admin));

    [Fact]
    public async Task EveryCall_GeneratedHostileInput_EndsWithADefinedStatusAndTheServiceStaysUp()
    {
        var random = new Random(Seed);
        var outcomes = new List<(string Call, StatusCode Code, string Detail)>();
        for (int i = 0; i < Samples; i++)
        {
            string text = HostileText(random);
            string id = random.Next(3) == 0 ? HostileText(random, maxLength: 200) : $"fuzz-{i}";
            var author = new Author
            {
                Id = random.Next(4) == 0 ? HostileText(random, maxLength: 200) : $"fuzz-author-{random.Next(40)}",
                DisplayName = random.Next(3) == 0 ? HostileText(random, maxLength: 300) : "",
                CreatedAt = random.Next(3) == 0 ? new Timestamp { Seconds = random.NextInt64(long.MinValue / 2, long.MaxValue / 2), Nanos = random.Next() } : null,
            };

            outcomes.Add(await Outcome("SubmitComment", () => _comments.SubmitCommentAsync(new SubmitCommentRequest
            {
                CommentId = id,
                ArticleId = random.Next(4) == 0 ? HostileText(random, maxLength: 50) : "fuzz-article",
                Author = random.Next(10) == 0 ? null : author,
                Text = text,
                IpAddress = random.Next(3) == 0 ? HostileText(random, maxLength: 60) : "198.51.100.1",
                ParentId = random.Next(5) == 0 ? HostileText(random, maxLength: 100) : "",
                UserAgent = random.Next(5) == 0 ? HostileText(random, maxLength: 1000) : "",
            }).ResponseAsync));
            outcomes.Add(await Outcome("TestComment", () => _rules.TestCommentAsync(new TestCommentRequest { Text = text }).ResponseAsync));
            outcomes.Add(await Outcome("GetComment", () => _comments.GetCommentAsync(new GetCommentRequest { CommentId = id }).ResponseAsync));
            outcomes.Add(await Outcome("ListQueue", () => _moderation.ListQueueAsync(new ListQueueRequest
            {
                Queue = (Queue)random.Next(-2, 6),
                PageSize = random.Next(-5, 200),
                PageToken = random.Next(2) == 0 ? HostileText(random, maxLength: 100) : "",
                ArticleId = random.Next(3) == 0 ? HostileText(random, maxLength: 50) : "",
            }).ResponseAsync));
            outcomes.Add(await Outcome("DecideComment", () => _moderation.DecideCommentAsync(new DecideCommentRequest
            {
                CommentId = id,
                Verdict = (Verdict)random.Next(-1, 6),
                ReasonCode = (ReasonCode)random.Next(-1, 9),
                Note = random.Next(2) == 0 ? HostileText(random, maxLength: 3000) : "",
                ExpectedVersion = random.NextInt64(-3, 4),
            }).ResponseAsync));
            outcomes.Add(await Outcome("ValidateRules", () => _rules.ValidateRulesAsync(new ValidateRulesRequest { Content = text }).ResponseAsync));
        }

        var undefined = outcomes.Where(o => !Defined.Contains(o.Code)).ToList();
        Assert.True(undefined.Count == 0, string.Join('\n', undefined.Take(5).Select(o => $"{o.Call}: {o.Code} {o.Detail}")));
        Assert.Contains(outcomes, o => o.Code == StatusCode.InvalidArgument);
        Assert.Contains(outcomes, o => o.Code == StatusCode.OK);
        await AssertStillServing();
    }

    [Fact]
    public async Task SubmitComment_MessageOverTheSizeLimit_IsRefusedBeforeParsing()
    {
        var request = Requests.Submit(new string('a', 1024 * 1024));

        var (code, _) = await Requests.FailureOf(() => _comments.SubmitCommentAsync(request).ResponseAsync);

        Assert.Equal(StatusCode.ResourceExhausted, code);
        await AssertStillServing();
    }

    [Fact]
    public async Task SubmitComment_TimestampOutOfRange_IsInvalidArgumentOnThatField()
    {
        var request = Requests.Submit("Hello");
        request.Author.CreatedAt = new Timestamp { Seconds = 1_700_000_000, Nanos = 2_000_000_000 };

        var (code, status) = await Requests.FailureOf(() => _comments.SubmitCommentAsync(request).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, code);
        Assert.Equal("author.created_at", status.GetDetail<Google.Rpc.BadRequest>()!.FieldViolations.Single().Field);
    }

    [Theory]
    [InlineData(0L, -1)]
    [InlineData(long.MaxValue, 0)]
    [InlineData(long.MinValue, 0)]
    [InlineData(60L, -5)]
    [InlineData(-60L, 5)]
    [InlineData(0L, 1_000_000_000)]
    public async Task ClaimComments_LeaseDurationNotNormalized_IsInvalidArgumentOnThatField(long seconds, int nanos)
    {
        var request = new ClaimCommentsRequest { Queue = Queue.Pending, MaxItems = 1, LeaseDuration = new Duration { Seconds = seconds, Nanos = nanos } };

        var (code, status) = await Requests.FailureOf(() => _moderation.ClaimCommentsAsync(request).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, code);
        Assert.Equal("lease_duration", status.GetDetail<Google.Rpc.BadRequest>()!.FieldViolations.Single().Field);
    }

    [Theory]
    [InlineData("zalgo")]
    [InlineData("marks")]
    [InlineData("near-terms")]
    [InlineData("separators")]
    public async Task TestComment_WorstCaseTexts_AreDecidedWithoutStalling(string shape)
    {
        string text = shape switch
        {
            "zalgo" => string.Concat(Enumerable.Repeat("f" + new string('\u0336', 30), 300)),
            "marks" => "a" + new string('\u0301', 9_990),
            "near-terms" => string.Concat(Enumerable.Repeat("fuc fuckin buy no click her ", 350)),
            _ => string.Join('.', Enumerable.Repeat("f", 4_900)),
        };

        var watch = Stopwatch.StartNew();
        var reply = await _rules.TestCommentAsync(new TestCommentRequest { Text = text[..Math.Min(text.Length, 10_000)] });

        // A guard against pathological matching (a stall), not a speed measurement: the
        // benchmarks measure speed. A linear pass over 10,000 characters is far below this.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"{shape} took {watch.Elapsed}");
        Assert.NotEqual(Verdict.Unspecified, reply.Decision.Verdict);
    }

    private async Task AssertStillServing()
    {
        var health = await new GrpcHealth.HealthClient(server.Factory.ChannelWithToken(null)).CheckAsync(new HealthCheckRequest());
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);
        var reply = await _comments.SubmitCommentAsync(Requests.Submit("Still here after the storm."));
        Assert.Equal(Verdict.Approved, reply.Decision.Verdict);
    }

    private static async Task<(string, StatusCode, string)> Outcome(string call, Func<Task> invoke)
    {
        try
        {
            await invoke();
            return (call, StatusCode.OK, "");
        }
        catch (RpcException ex)
        {
            return (call, ex.StatusCode, ex.Status.Detail);
        }
    }

    /// <summary>Text from the shapes that break parsers and matchers.</summary>
    private static string HostileText(Random random, int maxLength = 12_000)
    {
        int length = random.Next(0, maxLength + 1);
        var text = new StringBuilder(length);
        int shape = random.Next(6);
        while (text.Length < length)
        {
            switch (shape)
            {
                case 0: // Zalgo: letters buried in combining marks.
                    text.Append((char)random.Next('a', 'z' + 1));
                    for (int m = random.Next(1, 40); m > 0; m--)
                    {
                        text.Append((char)random.Next(0x0300, 0x0370));
                    }

                    break;
                case 1: // Invisible and bidi controls between letters.
                    text.Append("f\u200Bu\u202Ec\u2066k\uFEFF\u00AD ");
                    break;
                case 2: // Mixed scripts, emoji and confusables.
                    text.Append("раураl 𝐟𝐮𝐜𝐤 ⓕⓤⓒⓚ 🅵🆄🅲🅺 中文 עברית ١٢٣ 😀 ");
                    break;
                case 3: // Control characters, NUL and lone surrogates (mangled to U+FFFD on the wire).
                    text.Append((char)random.Next(0, 0x20)).Append((char)random.Next(0xD800, 0xE000));
                    break;
                case 4: // Separator-split terms and repeated letters.
                    text.Append("f.u.c.k f-u-c-k fuuuuuuck b u y n o w ");
                    break;
                default: // Any BMP character.
                    text.Append((char)random.Next(0, 0x10000));
                    break;
            }
        }

        return text.ToString(0, Math.Min(text.Length, length));
    }
}
