using Moderation.Core.Telemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Moderation.Server.Telemetry;

/// <summary>
/// OpenTelemetry in one place, as eShop's service defaults do it: metrics (the service's own
/// meter, with its Redis calls; ASP.NET Core's request durations, each gRPC method a route; the
/// .NET runtime's) exported for Prometheus, and traces (ASP.NET Core's server spans, with the
/// service's spans for the rules and each Redis call under them) exported over OTLP when an
/// endpoint is configured.
/// </summary>
internal static class TelemetryExtensions
{
    public static void AddModerationTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<ModerationMetrics>();
        services.AddHostedService<QueueGaugeRefresher>();
        var telemetry = services.AddOpenTelemetry();
        telemetry.WithMetrics(metrics => metrics
            .AddMeter(ModerationMetrics.MeterName)
            .AddAspNetCoreInstrumentation()
            .AddRuntimeInstrumentation()
            .AddPrometheusExporter());

        services.AddOptions<TracingOptions>().Configure(o => o.OtlpEndpoint = configuration[TracingOptions.EndpointKey]).ValidateOnStart();
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<TracingOptions>, TracingOptionsValidator>();
        if (!TracingOptions.From(configuration).Enabled)
        {
            // No tracer provider, so nothing listens to the service's spans: starting one costs a check.
            return;
        }

        if (string.IsNullOrWhiteSpace(configuration["OTEL_SERVICE_NAME"]))
        {
            telemetry.ConfigureResource(resource => resource.AddService("moderation"));
        }

        telemetry.WithTracing(tracing => tracing
            .AddSource(ModerationTracing.SourceName)
            .AddAspNetCoreInstrumentation(aspNetCore => aspNetCore.Filter = http => !IsProbe(http.Request.Path))
            .AddOtlpExporter());
    }

    /// <summary>Prometheus scrapes and health probes, which come every few seconds and would bury the calls worth a trace.</summary>
    private static bool IsProbe(PathString path) =>
        path.StartsWithSegments("/metrics", StringComparison.Ordinal) || path.StartsWithSegments("/grpc.health.v1.Health", StringComparison.Ordinal);
}
