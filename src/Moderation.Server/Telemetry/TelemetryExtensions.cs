using Moderation.Core.Telemetry;
using OpenTelemetry.Metrics;

namespace Moderation.Server.Telemetry;

/// <summary>
/// OpenTelemetry metrics: the service's own meter, ASP.NET Core's request durations (each gRPC
/// method is a route) and the .NET runtime's, exported for Prometheus.
/// </summary>
internal static class TelemetryExtensions
{
    public static void AddModerationTelemetry(this IServiceCollection services)
    {
        services.AddSingleton<ModerationMetrics>();
        services.AddHostedService<QueueGaugeRefresher>();
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(ModerationMetrics.MeterName)
            .AddAspNetCoreInstrumentation()
            .AddRuntimeInstrumentation()
            .AddPrometheusExporter());
    }
}
