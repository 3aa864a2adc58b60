using System.Collections.ObjectModel;
using System.Diagnostics;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Moderation.Api.V1;
using Moderation.Server.Auth;
using Moderation.Testing;
using OpenTelemetry.Trace;

namespace Moderation.Server.Tests.Telemetry;

/// <summary>
/// Traces when an OTLP endpoint is configured, and none otherwise. The spans are collected in
/// memory beside the OTLP exporter (whose endpoint nothing listens on) and picked out by the
/// trace id the test's call carries: the tracer provider also hears the hosts of tests running alongside.
/// </summary>
public sealed class TracingTests : IAsyncLifetime
{
    private readonly RedisServerFixture _redis = new();
    private readonly Spans _spans = new();

    public Task InitializeAsync() => _redis.InitializeAsync();

    public Task DisposeAsync() => _redis.DisposeAsync();

    [Fact]
    public async Task SubmitComment_OtlpConfigured_IsAServerSpanWithTheRulesAndEachRedisCallUnderIt()
    {
        await using var factory = new ModerationServerFactory(
            new Dictionary<string, string?>
            {
                ["Redis:Configuration"] = _redis.Configuration,
                ["Redis:KeyPrefix"] = RedisServerFixture.UniquePrefix(),
                ["OTEL_EXPORTER_OTLP_ENDPOINT"] = $"http://127.0.0.1:{RedisServerProcess.FreeLoopbackPort()}",
            },
            replaceServices: services => services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(_spans)));
        var comments = new CommentService.CommentServiceClient(factory.ChannelFor(Roles.Site));
        var traceId = ActivityTraceId.CreateRandom();
        var caller = ActivitySpanId.CreateRandom();

        await comments.SubmitCommentAsync(Requests.Submit("Traced from end to end."), new Metadata { { "traceparent", $"00-{traceId}-{caller}-01" } });
        var trace = await TraceAsync(traceId);

        var server = Assert.Single(trace, span => span.Kind == ActivityKind.Server);
        Assert.Equal(caller, server.ParentSpanId);
        Assert.Equal("/moderation.v1.CommentService/SubmitComment", server.GetTagItem("http.route"));
        var rules = Assert.Single(trace, span => span.OperationName == "rules.evaluate");
        Assert.Equal(server.SpanId, rules.ParentSpanId);
        Assert.Equal("approved", rules.GetTagItem("moderation.verdict"));
        var redis = trace.Where(span => span.Source.Name == "Moderation" && span.Kind == ActivityKind.Client).ToList();
        Assert.Equal(["article.get", "author.get", "comment.add_charged", "comment.get"], redis.Select(span => span.OperationName).Order(StringComparer.Ordinal));
        Assert.All(redis, span =>
        {
            Assert.Equal(server.SpanId, span.ParentSpanId);
            Assert.Equal("redis", span.GetTagItem("db.system"));
            Assert.Equal(ActivityStatusCode.Unset, span.Status);
        });
    }

    [Fact]
    public void Start_NoOtlpEndpoint_BuildsNoTracerProvider()
    {
        using var factory = new ModerationServerFactory();

        Assert.NotNull(factory.Server);
        Assert.Null(factory.Services.GetService<TracerProvider>());
    }

    [Fact]
    public void Start_OtlpEndpointNotAnHttpUri_FailsNamingTheSetting()
    {
        using var factory = new ModerationServerFactory(new Dictionary<string, string?> { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "collector:4317" });

        var error = Assert.ThrowsAny<Exception>(() => factory.Server);

        Assert.Contains("OTEL_EXPORTER_OTLP_ENDPOINT must be an absolute http or https URI", error.ToString(), StringComparison.Ordinal);
    }

    /// <summary>The spans of one trace once its server span has ended (it ends after the reply is sent), polled until a deadline.</summary>
    private async Task<List<Activity>> TraceAsync(ActivityTraceId traceId)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            var trace = _spans.Snapshot().Where(span => span.TraceId == traceId).ToList();
            if (trace.Any(span => span.Kind == ActivityKind.Server) || DateTime.UtcNow > until)
            {
                return trace;
            }

            await Task.Delay(20);
        }
    }

    /// <summary>The exported spans; the exporter adds from the threads that end them, the test reads from its own.</summary>
    private sealed class Spans : Collection<Activity>
    {
        private readonly Lock _gate = new();

        public Activity[] Snapshot()
        {
            lock (_gate)
            {
                return [.. this];
            }
        }

        protected override void InsertItem(int index, Activity item)
        {
            lock (_gate)
            {
                base.InsertItem(index, item);
            }
        }
    }
}
