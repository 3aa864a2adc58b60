using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moderation.Core.Comments;
using Moderation.Core.Errors;
using Moderation.Core.RateLimiting;
using Moderation.Core.Rules;
using Moderation.Testing;

namespace Moderation.Core.Tests.RateLimiting;

public sealed class SubmissionRateLimiterTests
{
    private readonly FakeTimeProvider _time = new(TestComments.Epoch);

    private static CommentSubmission Submission(string author = "u1", string text = "Hello", string ip = "203.0.113.7", string article = "a1", DateTimeOffset? created = null) =>
        new("c", article, new AuthorProfile(author, created), text, IpAddress: ip);

    private SubmissionRateLimiter Limiter(IRateLimiter shared, params LimitOptions[] limits) => Limiter(shared, new RateLimitOptions { Limits = [.. limits] });

    private SubmissionRateLimiter Limiter(IRateLimiter shared, RateLimitOptions options) =>
        new(shared, new SubmissionLimits(options), options, _time, NullLogger<SubmissionRateLimiter>.Instance);

    private EvaluationContext Context(CommentSubmission submission) => EvaluationContext.For(submission, _time.GetUtcNow());

    [Fact]
    public void For_EachDimension_NamesItsSubject()
    {
        var limits = new SubmissionLimits(new RateLimitOptions
        {
            Limits =
            [
                new LimitOptions { Name = "a", Dimension = LimitDimension.Author },
                new LimitOptions { Name = "b", Dimension = LimitDimension.Ip },
                new LimitOptions { Name = "c", Dimension = LimitDimension.Article },
                new LimitOptions { Name = "d", Dimension = LimitDimension.AuthorArticle },
                new LimitOptions { Name = "e", Dimension = LimitDimension.Global },
            ],
        });
        var submission = Submission(ip: "2001:db8:5:6::9");

        var requests = limits.For(submission, Context(submission));

        Assert.Equal(["u1", "2001:db8:5:6::/64", "a1", "u1@a1", "all"], requests.Select(r => r.Subject));
    }

    [Fact]
    public void For_NewAccountLimit_AppliesOnlyToYoungAccounts()
    {
        var limits = new SubmissionLimits(new RateLimitOptions { Limits = [new LimitOptions { Name = "new", AccountAgeBelow = TimeSpan.FromDays(1) }] });
        var young = Submission(created: _time.GetUtcNow().AddHours(-3));
        var old = Submission(created: _time.GetUtcNow().AddDays(-3));

        Assert.Single(limits.For(young, Context(young)));
        Assert.Empty(limits.For(old, Context(old)));
        Assert.Empty(limits.For(Submission(), Context(Submission())));
    }

    [Fact]
    public void For_CommentWithALink_CostsTheLinkCost()
    {
        var limits = new SubmissionLimits(new RateLimitOptions { Limits = [new LimitOptions { Name = "a", LinkCost = 2 }] });
        var withLink = Submission(text: "see https://example.com/x");

        Assert.Equal(2, limits.For(withLink, Context(withLink)).Single().Cost);
        Assert.Equal(1, limits.For(Submission(), Context(Submission())).Single().Cost);
    }

    [Fact]
    public void For_TrustedAuthor_IsExemptUnlessTheLimitSaysOtherwise()
    {
        var limits = new SubmissionLimits(new RateLimitOptions
        {
            Limits = [new LimitOptions { Name = "a" }, new LimitOptions { Name = "g", Dimension = LimitDimension.Global, ExemptTrusted = false }],
        });
        var trusted = Context(Submission()) with { AuthorStatus = AuthorStatus.Trusted };

        Assert.Equal(["g"], limits.For(Submission(), trusted).Select(r => r.Policy.Name));
    }

    [Fact]
    public async Task Acquire_AfterARefusal_RefusesLocallyWithoutAskingTheStore()
    {
        var shared = new CountingLimiter(new InMemoryGcraRateLimiter(_time));
        var limiter = Limiter(shared, new LimitOptions { Name = "author", PermitLimit = 1, Period = TimeSpan.FromMinutes(1) });
        await limiter.AcquireAsync(Submission(), Context(Submission()), Guid.NewGuid().ToString("N"), default);
        var first = await limiter.AcquireAsync(Submission(), Context(Submission()), Guid.NewGuid().ToString("N"), default);
        int callsAfterFirstRefusal = shared.Calls;

        _time.Advance(TimeSpan.FromSeconds(30));
        var local = await limiter.AcquireAsync(Submission(), Context(Submission()), Guid.NewGuid().ToString("N"), default);

        Assert.False(first.IsAllowed);
        Assert.False(local.IsAllowed);
        Assert.Equal(callsAfterFirstRefusal, shared.Calls);
        Assert.Equal(TimeSpan.FromSeconds(30), local.Refusal!.RetryAfter);

        _time.Advance(TimeSpan.FromSeconds(30));
        Assert.True((await limiter.AcquireAsync(Submission(), Context(Submission()), Guid.NewGuid().ToString("N"), default)).IsAllowed);
        Assert.Equal(callsAfterFirstRefusal + 1, shared.Calls);
    }

    [Fact]
    public async Task Acquire_StoreSilentPastTheBudget_FailsOpenAtTheRatePerInstanceAndReportsDegraded()
    {
        var options = new RateLimitOptions { Limits = [new LimitOptions { Name = "author", PermitLimit = 6 }], InstanceCount = 3 };
        var limiter = Limiter(new SilentRateLimiter(), options);

        var outcomes = new List<bool>();
        for (int i = 0; i < 4; i++)
        {
            var pending = limiter.AcquireAsync(Submission(), Context(Submission()), Guid.NewGuid().ToString("N"), default);
            _time.Advance(options.FailureBudget);
            outcomes.Add((await pending).IsAllowed);
        }

        // 6 per minute shared by 3 instances: 2 each while limits are checked alone.
        Assert.Equal([true, true, false, false], outcomes);
        Assert.True(limiter.IsDegraded);
    }

    [Fact]
    public async Task Acquire_StoreFailingRepeatedly_OpensTheCircuitThenProbesAgain()
    {
        var options = new RateLimitOptions { Limits = [new LimitOptions { Name = "author", PermitLimit = 100 }] };
        var shared = new CountingLimiter(new SilentRateLimiter());
        var limiter = Limiter(shared, options);
        for (int i = 0; i < options.CircuitBreakAfter; i++)
        {
            var pending = limiter.AcquireAsync(Submission(), Context(Submission()), Guid.NewGuid().ToString("N"), default);
            _time.Advance(options.FailureBudget);
            Assert.True((await pending).IsAllowed);
        }

        // Open: answered in process at once, without asking the store.
        var whileOpen = await limiter.AcquireAsync(Submission(), Context(Submission()), Guid.NewGuid().ToString("N"), default);
        Assert.Equal(options.CircuitBreakAfter, shared.Calls);

        _time.Advance(options.CircuitOpenFor);
        var probe = limiter.AcquireAsync(Submission(), Context(Submission()), Guid.NewGuid().ToString("N"), default);
        Assert.Equal(options.CircuitBreakAfter + 1, shared.Calls);
        _time.Advance(options.FailureBudget);
        await probe;

        Assert.True(whileOpen.IsAllowed);
        Assert.True(limiter.IsDegraded);
    }

    [Fact]
    public async Task Acquire_StoreSilentWithAFailClosedLimit_IsUnavailable()
    {
        var limiter = Limiter(new SilentRateLimiter(), new LimitOptions { Name = "author" }, new LimitOptions { Name = "global", Dimension = LimitDimension.Global, FailureMode = LimitFailureMode.Closed });

        var pending = limiter.AcquireAsync(Submission(), Context(Submission()), Guid.NewGuid().ToString("N"), default);
        _time.Advance(new RateLimitOptions().FailureBudget);

        var error = await Assert.ThrowsAsync<StorageUnavailableException>(() => pending);
        Assert.Contains("global", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Acquire_CallerCancels_IsCancellationNotAFallback()
    {
        var limiter = Limiter(new SilentRateLimiter(), new LimitOptions { Name = "author" });
        using var cancel = new CancellationTokenSource();

        var pending = limiter.AcquireAsync(Submission(), Context(Submission()), Guid.NewGuid().ToString("N"), cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending);
        Assert.False(limiter.IsDegraded);
    }

    [Fact]
    public void Problems_DuplicateOrInvalidLimits_AreNamed()
    {
        var options = new RateLimitOptions { Limits = [new LimitOptions { Name = "a" }, new LimitOptions { Name = "a", PermitLimit = 0 }] };

        var problems = options.Problems().ToList();

        Assert.Contains(problems, p => p.StartsWith("RateLimits:Limits:1", StringComparison.Ordinal) && p.Contains("twice", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("RateLimits:Limits:1", StringComparison.Ordinal) && p.Contains("PermitLimit", StringComparison.Ordinal));
    }

    /// <summary>Counts calls to a real limiter.</summary>
    private sealed class CountingLimiter(IRateLimiter inner) : IRateLimiter
    {
        public int Calls { get; private set; }

        public ValueTask<RateLimitOutcome> TryAcquireAsync(IReadOnlyList<RateLimitRequest> requests, string? chargeId, CancellationToken cancellationToken)
        {
            Calls++;
            return inner.TryAcquireAsync(requests, chargeId, cancellationToken);
        }
    }
}
