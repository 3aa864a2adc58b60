using Grpc.Core;
using Grpc.Core.Interceptors;
using Moderation.Core.Errors;

namespace Moderation.Server.Errors;

/// <summary>
/// Catches what the handlers throw and answers with a defined status: domain failures by
/// <see cref="GrpcErrors"/>, cancellation as CANCELLED (DEADLINE_EXCEEDED when it was the
/// caller's deadline that passed), anything else as INTERNAL (logged), never gRPC's catch-all UNKNOWN.
/// </summary>
internal sealed class ModerationExceptionInterceptor(ILogger<ModerationExceptionInterceptor> logger, TimeProvider timeProvider) : Interceptor
{
    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request,
        ServerCallContext context,
        UnaryServerMethod<TRequest, TResponse> continuation)
    {
        Task<TResponse> call;
        try
        {
            call = continuation(request, context);
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            return Task.FromException<TResponse>(Translate(ex, context));
        }

        // A call that has already succeeded (the rules' dry run, most reads from memory) is
        // handed on as it is, without a state machine of its own.
        return call.IsCompletedSuccessfully ? call : TranslatingAsync(call, context);
    }

    private async Task<TResponse> TranslatingAsync<TResponse>(Task<TResponse> call, ServerCallContext context)
    {
        try
        {
            return await call.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            throw Translate(ex, context);
        }
    }

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request,
        IServerStreamWriter<TResponse> responseStream,
        ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation) =>
        TranslatingAsync(() => continuation(request, responseStream, context), context);

    /// <summary>Reflection's stream: a client that goes away mid-stream is a cancellation, not an error.</summary>
    public override Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream,
        IServerStreamWriter<TResponse> responseStream,
        ServerCallContext context,
        DuplexStreamingServerMethod<TRequest, TResponse> continuation) =>
        TranslatingAsync(() => continuation(requestStream, responseStream, context), context);

    private async Task TranslatingAsync(Func<Task> stream, ServerCallContext context)
    {
        try
        {
            await stream().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            throw Translate(ex, context);
        }
    }

    private RpcException Translate(Exception exception, ServerCallContext context)
    {
        switch (exception)
        {
            case ModerationException moderation:
                if (moderation is StorageUnavailableException)
                {
                    ServerLog.StorageUnavailable(logger, context.Method, moderation);
                }

                return GrpcErrors.ToRpcException(moderation);
            case OperationCanceledException when context.CancellationToken.IsCancellationRequested && context.Deadline <= timeProvider.GetUtcNow().UtcDateTime:
                return new RpcException(new Status(StatusCode.DeadlineExceeded, "The call's deadline passed."));
            case OperationCanceledException when context.CancellationToken.IsCancellationRequested:
                return new RpcException(new Status(StatusCode.Cancelled, "The call was cancelled."));

            // A stream whose client reset it: the read fails before the call's token is cancelled.
            case IOException when context.CancellationToken.IsCancellationRequested || context.GetHttpContext().RequestAborted.IsCancellationRequested || exception.Message.Contains("reset", StringComparison.OrdinalIgnoreCase):
                return new RpcException(new Status(StatusCode.Cancelled, "The client went away."));
            default:
                ServerLog.UnhandledException(logger, context.Method, exception);
                return GrpcErrors.Internal();
        }
    }
}
