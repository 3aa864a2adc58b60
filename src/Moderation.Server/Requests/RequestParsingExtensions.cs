using Grpc.AspNetCore.Server.Model;

namespace Moderation.Server.Requests;

internal static class RequestParsingExtensions
{
    /// <summary>
    /// Replaces grpc-dotnet's service binder with <see cref="GuardedServiceMethodProvider{TService}"/>,
    /// so a malformed request answers INVALID_ARGUMENT on every service (ours, health, reflection).
    /// </summary>
    public static IServiceCollection AddGuardedRequestParsing(this IServiceCollection services, ILoggingBuilder logging)
    {
        var binder = services.Single(d => d.ServiceType == typeof(IServiceMethodProvider<>) && d.ImplementationType?.Name.StartsWith("BinderServiceMethodProvider", StringComparison.Ordinal) == true);
        services.Remove(binder);
        services.AddSingleton(typeof(IServiceMethodProvider<>), typeof(GuardedServiceMethodProvider<>));
        services.AddSingleton<MalformedRequestLog>();

        // grpc-dotnet logs every non-OK status it returns, one line per call; refusals of
        // hostile input are logged by MalformedRequestLog instead, at most one line a second.
        logging.AddFilter("Grpc.AspNetCore.Server.ServerCallHandler", LogLevel.Warning);
        return services;
    }
}
