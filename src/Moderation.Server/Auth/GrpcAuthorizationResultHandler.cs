using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Moderation.Server.Auth;

/// <summary>
/// Answers refused gRPC calls with a gRPC status (UNAUTHENTICATED or PERMISSION_DENIED) and a
/// message saying what to do, instead of a bare HTTP 401/403 that clients report as an opaque
/// transport error.
/// </summary>
internal sealed class GrpcAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        // What the default handler does on success, without its state machine around the call.
        if (authorizeResult.Succeeded)
        {
            return next(context);
        }

        if (context.Request.ContentType?.StartsWith("application/grpc", StringComparison.Ordinal) != true)
        {
            return _default.HandleAsync(next, context, policy, authorizeResult);
        }

        var (code, message) = authorizeResult.Challenged
            ? (StatusCode.Unauthenticated, !BearerToken.TryRead(context.Request, out _)
                ? "A credential is required: send the metadata 'authorization: Bearer <API key or JWT>'."
                : "The credential was not accepted.")
            : (StatusCode.PermissionDenied, $"The caller's role may not call {context.Request.Path}.");

        // A trailers-only response: the status travels in the headers, with no body.
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/grpc";
        context.Response.Headers["grpc-status"] = ((int)code).ToString(System.Globalization.CultureInfo.InvariantCulture);
        context.Response.Headers["grpc-message"] = message;
        return Task.CompletedTask;
    }
}
