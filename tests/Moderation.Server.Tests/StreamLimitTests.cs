using Grpc.Core;
using Grpc.Net.Client;
using Grpc.Reflection.V1;
using Moderation.Server.Auth;

namespace Moderation.Server.Tests;

/// <summary>
/// Streams hold server resources for as long as a caller wants; one caller may hold only a few.
/// Reflection is the stream used here: it stays open until the client completes it.
/// </summary>
public sealed class StreamLimitTests : IAsyncLifetime
{
    private readonly ModerationServerFactory _factory = new(new Dictionary<string, string?> { ["Limits:MaxConcurrentStreamsPerCaller"] = "2" });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    /// <summary>Opens a reflection stream and waits for its first answer, so the server surely holds it.</summary>
    private static async Task<AsyncDuplexStreamingCall<ServerReflectionRequest, ServerReflectionResponse>> OpenStreamAsync(GrpcChannel channel)
    {
        var call = new ServerReflection.ServerReflectionClient(channel).ServerReflectionInfo();
        try
        {
            await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" });
            await call.ResponseStream.MoveNext(default);
        }
        catch (RpcException)
        {
            // A refused call can end before the request is written; the write then fails as
            // cancelled, and reading the response waits for the call to finish and throws the
            // status the server gave.
            await call.ResponseStream.MoveNext(default);
            throw;
        }

        return call;
    }

    private static async Task CloseAsync(AsyncDuplexStreamingCall<ServerReflectionRequest, ServerReflectionResponse> call)
    {
        await call.RequestStream.CompleteAsync();
        while (await call.ResponseStream.MoveNext(default))
        {
        }

        call.Dispose();
    }

    [Fact]
    public async Task OpenStream_OverTheLimitForOneCaller_IsResourceExhaustedWhileOthersStillConnect()
    {
        var site = _factory.ChannelFor(Roles.Site);
        var first = await OpenStreamAsync(site);
        var second = await OpenStreamAsync(site);

        var refused = await Assert.ThrowsAsync<RpcException>(() => OpenStreamAsync(site));
        var other = await OpenStreamAsync(_factory.ChannelFor(Roles.Moderator));

        Assert.Equal(StatusCode.ResourceExhausted, refused.StatusCode);
        Assert.NotNull(refused.GetRpcStatus()?.GetDetail<Google.Rpc.QuotaFailure>());
        foreach (var call in new[] { first, second, other })
        {
            await CloseAsync(call);
        }
    }

    [Fact]
    public async Task OpenStream_AfterOneCloses_IsAllowedAgain()
    {
        var admin = _factory.ChannelFor(Roles.Admin);
        var first = await OpenStreamAsync(admin);
        var second = await OpenStreamAsync(admin);
        await CloseAsync(first);

        // The server releases the slot when its handler returns, just after the client sees
        // the end of the stream: poll with a deadline rather than sleep.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        AsyncDuplexStreamingCall<ServerReflectionRequest, ServerReflectionResponse>? third = null;
        while (third is null)
        {
            try
            {
                third = await OpenStreamAsync(admin);
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.ResourceExhausted && DateTime.UtcNow < deadline)
            {
                await Task.Yield();
            }
        }

        await CloseAsync(second);
        await CloseAsync(third);
    }
}
