using System.Collections.Concurrent;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Options;
using Moderation.Server.Auth;

namespace Moderation.Server.Limits;

/// <summary>
/// Caps the streaming calls each caller holds open at once. The caller is the credential's
/// name, or the peer address for anonymous calls (health watches, reflection). Over the cap a
/// new stream is refused with RESOURCE_EXHAUSTED and a QuotaFailure; open streams are untouched.
/// </summary>
internal sealed class StreamConcurrencyInterceptor(IOptions<RequestLimitOptions> options) : Interceptor
{
    private readonly int _limit = options.Value.MaxConcurrentStreamsPerCaller;
    private readonly ConcurrentDictionary<string, int> _open = new(StringComparer.Ordinal);

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request,
        IServerStreamWriter<TResponse> responseStream,
        ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation) =>
        WithinLimitAsync(context, () => continuation(request, responseStream, context));

    public override Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream,
        IServerStreamWriter<TResponse> responseStream,
        ServerCallContext context,
        DuplexStreamingServerMethod<TRequest, TResponse> continuation) =>
        WithinLimitAsync(context, () => continuation(requestStream, responseStream, context));

    private async Task WithinLimitAsync(ServerCallContext context, Func<Task> stream)
    {
        string caller = CallerKey(context);
        if (_open.AddOrUpdate(caller, 1, (_, open) => open + 1) > _limit)
        {
            Release(caller);
            throw Refusal();
        }

        try
        {
            await stream().ConfigureAwait(false);
        }
        finally
        {
            Release(caller);
        }
    }

    private void Release(string caller)
    {
        // Remove the entry only if it is still at zero, so a caller racing to open a stream
        // never loses its count.
        if (_open.AddOrUpdate(caller, 0, (_, open) => open - 1) == 0)
        {
            _open.TryRemove(KeyValuePair.Create(caller, 0));
        }
    }

    private static string CallerKey(ServerCallContext context) =>
        context.GetHttpContext().User.Identity?.IsAuthenticated == true
            ? "id:" + CallerIdentity.Of(context)
            : "peer:" + context.Peer;

    private RpcException Refusal()
    {
        var status = new Google.Rpc.Status
        {
            Code = (int)Code.ResourceExhausted,
            Message = $"At most {_limit} streams may be open at once per caller; close one first.",
            Details =
            {
                Any.Pack(new QuotaFailure
                {
                    Violations = { new QuotaFailure.Types.Violation { Subject = "caller", Description = "Concurrent streams per caller." } },
                }),
            },
        };
        return status.ToRpcException();
    }
}
