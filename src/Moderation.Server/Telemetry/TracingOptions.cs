using Microsoft.Extensions.Options;

namespace Moderation.Server.Telemetry;

/// <summary>
/// Whether spans are exported, read the eShop way: over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>
/// is set (as an environment variable or a configuration key), otherwise not at all. The OTLP
/// exporter reads its other standard settings (<c>OTEL_EXPORTER_OTLP_PROTOCOL</c>,
/// <c>OTEL_EXPORTER_OTLP_HEADERS</c>, <c>OTEL_SERVICE_NAME</c>) itself.
/// </summary>
internal sealed class TracingOptions
{
    public const string EndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>The collector's OTLP endpoint, an absolute http or https URI; null or empty: no tracing.</summary>
    public string? OtlpEndpoint { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(OtlpEndpoint);

    public static TracingOptions From(IConfiguration configuration) => new() { OtlpEndpoint = configuration[EndpointKey] };
}

/// <summary>
/// Refuses an endpoint the exporter could not use at start-up: OpenTelemetry would otherwise
/// fall back to its default (localhost:4317) and the spans would go nowhere without a word.
/// </summary>
internal sealed class TracingOptionsValidator : IValidateOptions<TracingOptions>
{
    public ValidateOptionsResult Validate(string? name, TracingOptions options)
    {
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        return Uri.TryCreate(options.OtlpEndpoint, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"{TracingOptions.EndpointKey} must be an absolute http or https URI such as http://collector:4317 (it is '{options.OtlpEndpoint}'); unset it to export no traces.");
    }
}
