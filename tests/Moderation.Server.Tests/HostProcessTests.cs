using System.Globalization;
using Grpc.Core;
using Grpc.Net.Client;
using Moderation.Api.V1;
using Moderation.Testing;

namespace Moderation.Server.Tests;

/// <summary>
/// The built service as an operator starts it, from a directory that is not its own: it still
/// finds its shipped settings (the HTTP/2 endpoint, the rate limits).
/// </summary>
public sealed class HostProcessTests : IAsyncLifetime
{
    private ServiceProcess _service = null!;

    public Task InitializeAsync()
    {
        _service = new ServiceProcess(
            Path.Combine(AppContext.BaseDirectory, "Moderation.Server.dll"),
            new Dictionary<string, string> { ["Console__Url"] = "http://127.0.0.1:0" });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _service.DisposeAsync();

    [Fact]
    public async Task Service_StartedFromAnotherDirectory_ServesHttp2WithTheShippedLimits()
    {
        string key = await _service.KeyAsync();
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{_service.Port}");
        var client = new CommentService.CommentServiceClient(channel);
        var auth = new Metadata { { "authorization", "Bearer " + key } };

        // The shipped settings allow an author five comments a minute.
        var codes = new List<StatusCode>();
        for (int i = 0; i < 6; i++)
        {
            codes.Add(await CodeOfAsync(() => client.SubmitCommentAsync(Requests.Submit(string.Create(CultureInfo.InvariantCulture, $"Comment {i}"), author: "one-author"), auth).ResponseAsync));
        }

        Assert.Equal([StatusCode.OK, StatusCode.OK, StatusCode.OK, StatusCode.OK, StatusCode.OK, StatusCode.ResourceExhausted], codes);
    }

    [Fact]
    public async Task Service_WithNoCredentialConfigured_PrintsAGrpcurlCommandForItsOwnPort()
    {
        string key = await _service.KeyAsync();
        string expected = $"Bearer {key}' 127.0.0.1:{_service.Port} list";

        // The line follows the key's on standard error, which is read as it comes.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!_service.StandardError.Any(line => line.EndsWith(expected, StringComparison.Ordinal)) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.Contains(_service.StandardError, line => line.EndsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Reflection_StreamCancelledByItsClient_IsNotLoggedAsAnError()
    {
        string key = await _service.KeyAsync();
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{_service.Port}");
        var reflection = new Grpc.Reflection.V1.ServerReflection.ServerReflectionClient(channel);
        var auth = new Metadata { { "authorization", "Bearer " + key } };
        await CodeOfAsync(() => new CommentService.CommentServiceClient(channel).GetCommentAsync(new GetCommentRequest { CommentId = "warm-up" }, auth).ResponseAsync);

        for (int i = 0; i < 3; i++)
        {
            using var cancel = new CancellationTokenSource();
            using var call = reflection.ServerReflectionInfo(auth, cancellationToken: cancel.Token);
            await call.RequestStream.WriteAsync(new Grpc.Reflection.V1.ServerReflectionRequest { ListServices = "" });
            Assert.True(await call.ResponseStream.MoveNext(default));
            await cancel.CancelAsync();
        }

        // A marker call after the cancellations: once it is answered, the server has handled them.
        await CodeOfAsync(() => new CommentService.CommentServiceClient(channel).GetCommentAsync(new GetCommentRequest { CommentId = "marker" }, auth).ResponseAsync);
        var deadline = DateTime.UtcNow.AddSeconds(2);
        while (DateTime.UtcNow < deadline && !_service.Output.Any(l => l.StartsWith("fail:", StringComparison.Ordinal)))
        {
            await Task.Delay(50);
        }

        Assert.DoesNotContain(_service.Output, l => l.StartsWith("fail:", StringComparison.Ordinal) || l.StartsWith("crit:", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(9 * 1024)]
    [InlineData(40 * 1024)]
    public async Task AnyCall_OversizedAuthorizationHeader_IsUnauthenticated(int length)
    {
        await _service.KeyAsync();
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{_service.Port}");
        var auth = new Metadata { { "authorization", "Bearer " + new string('k', length) } };

        var code = await CodeOfAsync(() => new CommentService.CommentServiceClient(channel).GetCommentAsync(new GetCommentRequest { CommentId = "c-1" }, auth).ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, code);
    }

    [Fact]
    public async Task Service_ThousandsOfMalformedRequests_StaysUpWithBoundedMemory()
    {
        string key = await _service.KeyAsync();
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{_service.Port}");
        var invoker = channel.CreateCallInvoker();
        var raw = Marshallers.Create<byte[]>(bytes => bytes, bytes => bytes);
        var submit = new Method<byte[], byte[]>(MethodType.Unary, "moderation.v1.CommentService", "SubmitComment", raw, raw);
        var options = new CallOptions(new Metadata { { "authorization", "Bearer " + key } });
        var random = new Random(20261201);
        async Task<StatusCode> SendAsync(int count)
        {
            var last = StatusCode.OK;
            for (int i = 0; i < count; i++)
            {
                last = await CodeOfAsync(() => invoker.AsyncUnaryCall(submit, null, options, Requests.MalformedPayload(random)).ResponseAsync);
            }

            return last;
        }

        // Warm-up first: memory is compared from a service that has served this kind of call
        // long enough for its garbage collector to have sized its heap (about a thousand calls
        // here); from then on a leak still grows with every call, and a heap being sized does not.
        await SendAsync(2_000);
        _service.Process.Refresh();
        long before = _service.Process.WorkingSet64;
        await SendAsync(4_000);
        _service.Process.Refresh();
        long grown = _service.Process.WorkingSet64 - before;

        Assert.False(_service.Process.HasExited);
        Assert.True(grown < 64 * 1024 * 1024, $"the service grew by {grown:N0} bytes over 4,000 malformed requests");
        Assert.Equal(StatusCode.OK, await CodeOfAsync(() => new CommentService.CommentServiceClient(channel).SubmitCommentAsync(Requests.Submit("Still serving."), options.Headers).ResponseAsync));
    }

    private static async Task<StatusCode> CodeOfAsync(Func<Task> call)
    {
        // The service may still be binding its port when the key is printed.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                await call();
                return StatusCode.OK;
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.Unavailable && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
            catch (RpcException ex)
            {
                return ex.StatusCode;
            }
        }
    }
}
