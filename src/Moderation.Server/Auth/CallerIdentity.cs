using Grpc.Core;

namespace Moderation.Server.Auth;

/// <summary>Who is calling, as the credential says; never taken from a request field.</summary>
internal static class CallerIdentity
{
    /// <summary>The name recorded in audit trails when the call carries no authenticated identity.</summary>
    public const string Anonymous = "anonymous";

    public static string Of(ServerCallContext context) =>
        context.GetHttpContext().User.Identity?.Name is { Length: > 0 } name ? name : Anonymous;
}
