using System.Globalization;
using System.Text.RegularExpressions;
using Moderation.Testing;
using YamlDotNet.RepresentationModel;
using static Moderation.Server.Tests.DeploymentFiles;

namespace Moderation.Server.Tests;

/// <summary>
/// No Docker engine runs where the tests run, so the compose file and Dockerfile are checked by
/// reading them: the wiring an operator relies on when running `docker compose up`.
/// </summary>
public sealed class DeploymentFileTests
{
    private static readonly string Root = RepositoryPaths.Root;
    private static readonly string[] RootUsers = ["root", "0", "0:0"];
    private static readonly string[] BuildInputs = ["Directory.Build.props", "Directory.Packages.props", "protos/", "rules/", "src/"];

    // What the dashboard is for: queues, decisions, rules, limits and gRPC latency.
    private static readonly string[] DashboardSeries =
    [
        "moderation_queue_depth",
        "moderation_queue_oldest_age_seconds",
        "moderation_decisions_total",
        "moderation_rule_matches_total",
        "moderation_ratelimit_refusals_total",
        "http_server_request_duration_seconds_bucket",
    ];

    private static readonly string[] QuantileSeries = ["http_server_request_duration_seconds_bucket", "up"];
    private static readonly string[] QuantileLabels = ["http_route", "job", "le", "method"];
    private static readonly YamlMappingNode Services = (YamlMappingNode)LoadCompose()["services"];

    private static YamlMappingNode Service(string name) => (YamlMappingNode)Services[name];

    private static List<string> Strings(YamlNode node) => ((YamlSequenceNode)node).Children.Select(c => ((YamlScalarNode)c).Value!).ToList();

    [Fact]
    public void Compose_Redis_KeepsAnAppendOnlyFileOnAVolume()
    {
        var redis = Service("redis");

        var command = Strings(redis["command"]);
        Assert.Equal("yes", command[command.IndexOf("--appendonly") + 1]);
        Assert.Equal("everysec", command[command.IndexOf("--appendfsync") + 1]);
        string volume = Strings(redis["volumes"]).Single();
        Assert.EndsWith(":/data", volume, StringComparison.Ordinal);
        Assert.True(((YamlMappingNode)LoadCompose()["volumes"]).Children.ContainsKey(volume.Split(':')[0]));
        Assert.Contains("ping", Strings(((YamlMappingNode)redis["healthcheck"])["test"]));
    }

    [Fact]
    public void Compose_Service_IsBuiltFromTheDockerfileAndWiredToRedis()
    {
        var service = Service("moderation");
        var build = (YamlMappingNode)service["build"];
        var environment = (YamlMappingNode)service["environment"];

        Assert.True(File.Exists(Path.Combine(Root, ((YamlScalarNode)build["context"]).Value!, ((YamlScalarNode)build["dockerfile"]).Value!)));
        string redisAddress = ((YamlScalarNode)environment["Redis__Configuration"]).Value!;
        Assert.Equal("redis:6379", redisAddress);
        Assert.True(Services.Children.ContainsKey(redisAddress.Split(':')[0]));
        Assert.Equal("service_healthy", ((YamlScalarNode)((YamlMappingNode)((YamlMappingNode)service["depends_on"])["redis"])["condition"]).Value);
    }

    [Fact]
    public void Compose_Service_PublishesThePortsKestrelAndTheConsoleListenOn()
    {
        var service = Service("moderation");
        var environment = (YamlMappingNode)service["environment"];
        string grpc = ((YamlScalarNode)environment["Kestrel__Endpoints__Grpc__Url"]).Value!;
        string console = ((YamlScalarNode)environment["Console__Url"]).Value!;
        var ports = Strings(service["ports"]).ToList();

        Assert.Equal("http://0.0.0.0:5000", grpc);
        Assert.Equal("http://0.0.0.0:5080", console);
        Assert.Equal(2, ports.Count);
        Assert.Contains(ports, p => p.EndsWith(":5000:5000", StringComparison.Ordinal));
        Assert.Contains(ports, p => p.EndsWith(":5080:5080", StringComparison.Ordinal));
    }

    [Fact]
    public void Dockerfile_IsMultiStageAndRunsAsANonRootUser()
    {
        var lines = File.ReadAllLines(Path.Combine(Root, "Dockerfile")).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        int lastStage = lines.FindLastIndex(l => l.StartsWith("FROM ", StringComparison.Ordinal));
        var runtime = lines.Skip(lastStage).ToList();

        Assert.True(lines.Count(l => l.StartsWith("FROM ", StringComparison.Ordinal)) >= 2);
        Assert.Contains(runtime, l => l.StartsWith("COPY --from=build", StringComparison.Ordinal));
        string user = runtime.Last(l => l.StartsWith("USER ", StringComparison.Ordinal))["USER ".Length..];
        Assert.DoesNotContain(user, RootUsers);
        Assert.Contains("EXPOSE 5000 5080", runtime);
        Assert.Contains("ENV Console__Url=http://0.0.0.0:5080", runtime);
        Assert.Contains(runtime, l => l.StartsWith("ENTRYPOINT", StringComparison.Ordinal) && l.Contains("Moderation.Server.dll", StringComparison.Ordinal));
    }

    [Fact]
    public void Dockerfile_BuildStage_CopiesEverythingTheServerBuildReads()
    {
        string dockerfile = File.ReadAllText(Path.Combine(Root, "Dockerfile"));

        foreach (string input in BuildInputs)
        {
            Assert.Contains(input, dockerfile, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("prometheus", "prom/prometheus")]
    [InlineData("grafana", "grafana/grafana")]
    public void Compose_MonitoringImage_IsPinnedToARelease(string service, string repository)
    {
        string image = Scalar(Service(service), "image");

        Assert.Matches($@"^{Regex.Escape(repository)}:v?\d+\.\d+\.\d+$", image);
    }

    [Fact]
    public void Compose_EveryPublishedPort_IsBoundToLoopbackOnly()
    {
        var published = Services.Children.Values.Cast<YamlMappingNode>().Where(s => s.Children.ContainsKey("ports")).SelectMany(s => Strings(s["ports"])).ToList();

        Assert.All(published, port => Assert.StartsWith("127.0.0.1:", port, StringComparison.Ordinal));
        Assert.Equal("127.0.0.1:9090:9090", Strings(Service("prometheus")["ports"]).Single());
        Assert.Equal("127.0.0.1:3000:3000", Strings(Service("grafana")["ports"]).Single());
    }

    [Fact]
    public void Compose_Mounts_BindRepositoryFilesReadOnlyAndNameDeclaredVolumes()
    {
        var declared = ((YamlMappingNode)LoadCompose()["volumes"]).Children.Keys.Select(k => ((YamlScalarNode)k).Value!).ToHashSet(StringComparer.Ordinal);
        var mounts = Services.Children.Values.Cast<YamlMappingNode>().SelectMany(Mounts).ToList();
        var binds = mounts.Where(m => m.Source.StartsWith('.')).ToList();

        Assert.NotEmpty(binds);
        Assert.All(binds, m =>
        {
            Assert.True(File.Exists(HostPath(m)) || Directory.Exists(HostPath(m)), $"{m.Source} does not exist in the repository");
            Assert.True(m.ReadOnly, $"{m.Source} is mounted writable");
        });
        Assert.All(mounts.Except(binds), m => Assert.Contains(m.Source, declared));
    }

    [Fact]
    public void Prometheus_ScrapeTarget_IsTheServiceOnItsConsolePortAtMetrics()
    {
        var prometheus = Service("prometheus");
        string configFile = Strings(prometheus["command"]).Single(a => a.StartsWith("--config.file=", StringComparison.Ordinal))["--config.file=".Length..];
        var job = Single(Yaml(PrometheusConfig), "scrape_configs");
        string target = Strings(Single(job, "static_configs")["targets"]).Single();
        var console = new Uri(Scalar(Service("moderation")["environment"], "Console__Url"));

        Assert.Equal(PathOf(PrometheusConfig), HostPath(Mounts(prometheus).Single(m => m.Target == configFile)));
        Assert.Equal($"moderation:{console.Port.ToString(CultureInfo.InvariantCulture)}", target);
        Assert.True(Services.Children.ContainsKey(target.Split(':')[0]));
        Assert.Equal("/metrics", Scalar(job, "metrics_path"));
    }

    [Fact]
    public void GrafanaDatasource_IsThePrometheusServiceAtItsScrapeInterval()
    {
        var datasource = Single(Yaml(GrafanaDatasource), "datasources");
        var url = new Uri(Scalar(datasource, "url"));
        string prometheusPort = Strings(Service("prometheus")["ports"]).Single().Split(':')[^1];

        Assert.Equal(PathOf(GrafanaDatasource), Path.Combine(ProvisionedFolder("datasources"), Path.GetFileName(GrafanaDatasource)));
        Assert.Equal("prometheus", Scalar(datasource, "type"));
        Assert.Equal("prometheus", url.Host);
        Assert.True(Services.Children.ContainsKey(url.Host));
        Assert.Equal(prometheusPort, url.Port.ToString(CultureInfo.InvariantCulture));

        // $__rate_interval is derived from timeInterval: it must be the real scrape interval.
        Assert.Equal(Scalar(Yaml(PrometheusConfig)["global"], "scrape_interval"), Scalar(datasource["jsonData"], "timeInterval"));
    }

    [Fact]
    public void GrafanaDashboardProvider_ReadsTheMountedDashboardAndMakesItHome()
    {
        var grafana = Service("grafana");
        var provider = Single(Yaml(GrafanaDashboardProvider), "providers");
        string folder = Scalar(provider["options"], "path");
        string dashboardFile = Path.GetFileName(Dashboard);

        Assert.Equal(PathOf(GrafanaDashboardProvider), Path.Combine(ProvisionedFolder("dashboards"), Path.GetFileName(GrafanaDashboardProvider)));
        Assert.Equal("file", Scalar(provider, "type"));
        Assert.Equal(PathOf(Dashboard), Path.Combine(HostPath(Mounts(grafana).Single(m => m.Target == folder)), dashboardFile));
        Assert.Equal($"{folder}/{dashboardFile}", Scalar(grafana["environment"], "GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH"));
    }

    [Fact]
    public void Dashboard_EveryPanel_QueriesSeriesThroughTheProvisionedDatasource()
    {
        string uid = Scalar(Single(Yaml(GrafanaDatasource), "datasources"), "uid");
        var panels = DashboardPanels();

        Assert.NotEmpty(panels);
        Assert.All(panels, panel =>
        {
            Assert.Equal(uid, panel.DatasourceUid);
            Assert.NotEmpty(panel.Targets);
            Assert.All(panel.Targets, target =>
            {
                Assert.Equal(uid, target.DatasourceUid ?? panel.DatasourceUid);
                Assert.NotEmpty(PromQlNames.Metrics(target.Expr));
            });
        });
    }

    [Fact]
    public void Dashboard_Panels_ShowQueuesDecisionsRulesLimitsAndGrpcLatency()
    {
        var queried = DashboardPanels().SelectMany(p => p.Targets).SelectMany(t => PromQlNames.Metrics(t.Expr)).ToHashSet(StringComparer.Ordinal);

        Assert.All(DashboardSeries, series => Assert.Contains(series, queried));
    }

    [Fact]
    public void PromQlNames_OfAQuantileOverBuckets_AreTheSeriesAndLabelsNotTheFunctions()
    {
        const string expr = """histogram_quantile(0.99, sum by (le, http_route) (rate(http_server_request_duration_seconds_bucket{http_route=~"/moderation[.]v1[.].+"}[$__rate_interval]))) * on (job) group_left up""";

        Assert.Equal(QuantileSeries, PromQlNames.Metrics(expr).Order(StringComparer.Ordinal));
        Assert.Equal(QuantileLabels, PromQlNames.Labels(expr, "{{method}}").Order(StringComparer.Ordinal));
    }

    private static YamlMappingNode LoadCompose() => Yaml("docker-compose.yml");

    /// <summary>The service's volumes in compose's short syntax, source:target[:mode].</summary>
    private static IEnumerable<Mount> Mounts(YamlMappingNode service) =>
        service.Children.ContainsKey("volumes")
            ? Strings(service["volumes"]).Select(v => v.Split(':')).Select(p => new Mount(p[0], p[1], p.Length > 2 && p[2] == "ro"))
            : [];

    /// <summary>Where a bind mount's source is: compose resolves it against the compose file's folder, the repository root.</summary>
    private static string HostPath(Mount mount) => PathOf(mount.Source);

    /// <summary>The repository folder Grafana reads the provisioning of <paramref name="kind"/> (datasources, dashboards) from: it reads every file there.</summary>
    private static string ProvisionedFolder(string kind) => HostPath(Mounts(Service("grafana")).Single(m => m.Target == $"/etc/grafana/provisioning/{kind}"));

    private sealed record Mount(string Source, string Target, bool ReadOnly);
}
