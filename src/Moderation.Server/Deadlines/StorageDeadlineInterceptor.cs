using Grpc.Core;
using Grpc.Core.Interceptors;
using Moderation.Core.Deadlines;

namespace Moderation.Server.Deadlines;

/// <summary>Gives each unary call with a deadline its <see cref="StorageDeadline"/>, so a slow store answers UNAVAILABLE in time.</summary>
internal sealed class StorageDeadlineInterceptor(TimeProvider timeProvider) : Interceptor
{
    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request,
        ServerCallContext context,
        UnaryServerMethod<TRequest, TResponse> continuation) =>
        context.Deadline == DateTime.MaxValue ? continuation(request, context) : WithinDeadlineAsync(request, context, continuation);

    private async Task<TResponse> WithinDeadlineAsync<TRequest, TResponse>(
        TRequest request,
        ServerCallContext context,
        UnaryServerMethod<TRequest, TResponse> continuation)
        where TRequest : class
        where TResponse : class
    {
        using var deadline = StorageDeadline.Begin(new DateTimeOffset(DateTime.SpecifyKind(context.Deadline, DateTimeKind.Utc)), timeProvider);
        return await continuation(request, context).ConfigureAwait(false);
    }
}
