using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Moderation.Api.V1;
using Moderation.Server.Auth;
using Moderation.Testing;

namespace Moderation.Server.Tests;

/// <summary>
/// Two service instances share one Redis and have clocks hours apart: a limit holds exactly,
/// because the limiter judges time by Redis's clock, not the instances'.
/// </summary>
public sealed class SharedLimitTests : IAsyncLifetime
{
    private const int Limit = 10;
    private TwoInstances _instances = null!;

    public async Task InitializeAsync()
    {
        var settings = new Dictionary<string, string?>
        {
            ["RateLimits:Limits:0:Name"] = "author",
            ["RateLimits:Limits:0:PermitLimit"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["RateLimits:Limits:0:Period"] = "01:00:00",
        };
        var now = DateTimeOffset.UtcNow;
        _instances = await TwoInstances.StartAsync(
            settings,
            first: s => s.AddSingleton<TimeProvider>(new FakeTimeProvider(now)),
            second: s => s.AddSingleton<TimeProvider>(new FakeTimeProvider(now.AddHours(3))));
    }

    public async Task DisposeAsync()
    {
        await _instances.DisposeAsync();
    }

    [Fact]
    public async Task SubmitComment_32ConcurrentClientsOnTwoSkewedInstancesOnABusyMachine_AdmitExactlyTheLimit()
    {
        var clients = new[] { _instances.First, _instances.Second }.Select(f => new CommentService.CommentServiceClient(f.ChannelFor(Roles.Site))).ToArray();

        // Every core busy: a limiter that gives up on a slow Redis would fall back and admit extra.
        using var busy = new CpuSaturation();

        var attempts = Enumerable.Range(0, 32).Select(async i =>
        {
            try
            {
                await clients[i % 2].SubmitCommentAsync(Requests.Submit($"Comment {i}", author: "busy-author"));
                return StatusCode.OK;
            }
            catch (RpcException ex)
            {
                return ex.StatusCode;
            }
        });
        var statuses = await Task.WhenAll(attempts);

        Assert.Equal(Limit, statuses.Count(s => s == StatusCode.OK));
        Assert.Equal(32 - Limit, statuses.Count(s => s == StatusCode.ResourceExhausted));
    }

    [Fact]
    public async Task SubmitComment_RetriesOfANewIdSpreadOverBothInstances_AreChargedOnce()
    {
        var clients = new[] { _instances.First, _instances.Second }.Select(f => new CommentService.CommentServiceClient(f.ChannelFor(Roles.Site))).ToArray();
        var request = Requests.Submit("Sent once, retried twenty times at once", author: "retrying-author");

        var replies = await Task.WhenAll(Enumerable.Range(0, 20).Select(async i => await clients[i % 2].SubmitCommentAsync(request)));
        var more = new List<StatusCode>();
        for (int i = 0; i < Limit; i++)
        {
            try
            {
                await clients[i % 2].SubmitCommentAsync(Requests.Submit($"Another comment {i}", author: "retrying-author"));
                more.Add(StatusCode.OK);
            }
            catch (RpcException ex)
            {
                more.Add(ex.StatusCode);
            }
        }

        Assert.Equal(1, replies.Count(r => !r.Replayed));
        Assert.Equal(Limit - 1, more.Count(s => s == StatusCode.OK));
        Assert.Equal(StatusCode.ResourceExhausted, more[^1]);
    }
}
