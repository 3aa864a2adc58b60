using Microsoft.Extensions.Time.Testing;
using Moderation.Core.Comments;
using Moderation.Core.Errors;
using Moderation.Core.RateLimiting;
using Moderation.Core.Workflow;
using Moderation.Testing;

namespace Moderation.Core.Tests.Workflow;

public sealed class ReportServiceTests
{
    private readonly FakeTimeProvider _time = new(TestComments.Epoch.AddHours(1));
    private readonly ICommentStore _store;
    private readonly ReportService _service;

    public ReportServiceTests()
    {
        _store = TestWorkflow.Over(new InMemoryCommentStore(), _time);
        _service = new ReportService(_store, new InMemoryGcraRateLimiter(_time), new ReportOptions { PerReporterPerHour = 2 }, _time);
    }

    private Task AddApprovedAsync(string id) => _store.AddAsync(TestComments.Stored(id, CommentState.Approved, TestComments.Epoch), default);

    /// <summary>Three approved comments, c1 to c3; "reader" has reported c1 and c2, the limit's two an hour.</summary>
    private async Task ReaderAtTheLimitAsync()
    {
        foreach (string id in new[] { "c1", "c2", "c3" })
        {
            await AddApprovedAsync(id);
        }

        await _service.ReportAsync("c1", "reader", ReasonCode.Abuse, null, default);
        await _service.ReportAsync("c2", "reader", ReasonCode.Abuse, null, default);
    }

    [Fact]
    public async Task ReportAsync_ReadersSecondReportWhileOverTheLimit_IsADuplicateNotARefusal()
    {
        await ReaderAtTheLimitAsync();

        var again = await _service.ReportAsync("c1", "reader", ReasonCode.Abuse, null, default);
        await Assert.ThrowsAsync<RateLimitExceededException>(() => _service.ReportAsync("c3", "reader", ReasonCode.Abuse, null, default));

        Assert.True(again.Duplicate);
        Assert.Equal(1, again.ReportCount);
    }

    [Fact]
    public async Task ReportAsync_DuplicatesAndUnknownComments_ChargeNothing()
    {
        await AddApprovedAsync("c1");
        await AddApprovedAsync("c2");
        await _service.ReportAsync("c1", "reader", ReasonCode.Abuse, null, default);
        for (int i = 0; i < 5; i++)
        {
            await _service.ReportAsync("c1", "reader", ReasonCode.Abuse, null, default);
            await Assert.ThrowsAsync<CommentNotFoundException>(() => _service.ReportAsync("missing", "reader", ReasonCode.Abuse, null, default));
        }

        var second = await _service.ReportAsync("c2", "reader", ReasonCode.Spam, null, default);

        Assert.False(second.Duplicate);
    }

    [Fact]
    public async Task ReportAsync_TwoOfOneReadersReportsAtOnce_ChargeOnePermit()
    {
        await AddApprovedAsync("c1");
        await AddApprovedAsync("c2");
        var gate = new BothChargesAtOnce(new InMemoryGcraRateLimiter(_time));
        var service = new ReportService(_store, gate, new ReportOptions { PerReporterPerHour = 2 }, _time);

        // Both reports have read the comment as unreported before either charges or is recorded.
        var both = await Task.WhenAll(
            service.ReportAsync("c1", "reader", ReasonCode.Abuse, null, default),
            service.ReportAsync("c1", "reader", ReasonCode.Abuse, null, default));
        var next = await service.ReportAsync("c2", "reader", ReasonCode.Abuse, null, default);

        Assert.Equal([false, true], both.Select(r => r.Duplicate).Order());
        Assert.False(next.Duplicate);
    }

    /// <summary>Holds the first charge until a second one arrives, so two reports race as they would on two instances.</summary>
    private sealed class BothChargesAtOnce(IRateLimiter inner) : IRateLimiter
    {
        private readonly TaskCompletionSource _second = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _calls;

        public async ValueTask<RateLimitOutcome> TryAcquireAsync(IReadOnlyList<RateLimitRequest> requests, string? chargeId, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _calls) == 2)
            {
                _second.SetResult();
            }

            await _second.Task.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
            return await inner.TryAcquireAsync(requests, chargeId, cancellationToken);
        }
    }

    [Fact]
    public async Task ReportAsync_RefusedByTheLimit_RecordsNothing()
    {
        await ReaderAtTheLimitAsync();
        await Assert.ThrowsAsync<RateLimitExceededException>(() => _service.ReportAsync("c3", "reader", ReasonCode.Abuse, null, default));

        var otherReader = await _service.ReportAsync("c3", "another-reader", ReasonCode.Abuse, null, default);

        Assert.Equal(1, otherReader.ReportCount);
    }
}
