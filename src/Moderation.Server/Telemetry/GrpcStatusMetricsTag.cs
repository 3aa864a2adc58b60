using Microsoft.AspNetCore.Http.Features;

namespace Moderation.Server.Telemetry;

/// <summary>
/// Adds the gRPC status of each call to ASP.NET Core's request duration as
/// <c>rpc.grpc.status_code</c> (OpenTelemetry's name for it): every gRPC answer is HTTP 200, so
/// without it a refusal, a bad request and a success look alike on a dashboard.
/// </summary>
internal static class GrpcStatusMetricsTag
{
    public const string Name = "rpc.grpc.status_code";

    // The status codes as tag values, so tagging a call allocates no string.
    private static readonly string[] Codes = Enumerable.Range(0, 17).Select(code => code.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();

    public static IApplicationBuilder UseGrpcStatusMetricsTag(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        await next(context);
        if (context.Features.Get<IHttpMetricsTagsFeature>() is { } tags && StatusOf(context) is { } status)
        {
            tags.Tags.Add(new KeyValuePair<string, object?>(Name, status));
        }
    });

    /// <summary>The grpc-status the call ended with: in the trailers, or in the headers of a trailers-only answer.</summary>
    private static string? StatusOf(HttpContext context)
    {
        if (context.Request.ContentType is not { } contentType || !contentType.StartsWith("application/grpc", StringComparison.Ordinal))
        {
            return null;
        }

        string? value = context.Features.Get<IHttpResponseTrailersFeature>()?.Trailers["grpc-status"].ToString();
        if (string.IsNullOrEmpty(value))
        {
            value = context.Response.Headers["grpc-status"].ToString();
        }

        return int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int code) && code >= 0 && code < Codes.Length ? Codes[code] : null;
    }
}
