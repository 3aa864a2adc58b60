using System.Text.Json;
using Moderation.Testing;
using YamlDotNet.RepresentationModel;

namespace Moderation.Server.Tests;

/// <summary>The deployment files under deploy/, read the way Prometheus and Grafana read them.</summary>
internal static class DeploymentFiles
{
    public const string PrometheusConfig = "deploy/prometheus/prometheus.yml";
    public const string GrafanaDatasource = "deploy/grafana/provisioning/datasources/prometheus.yml";
    public const string GrafanaDashboardProvider = "deploy/grafana/provisioning/dashboards/moderation.yml";
    public const string Dashboard = "deploy/grafana/dashboards/moderation.json";

    /// <summary>The full path of a file given relative to the repository root (where docker-compose.yml resolves its relative paths).</summary>
    public static string PathOf(string relativePath) => Path.GetFullPath(Path.Combine(RepositoryPaths.Root, relativePath));

    public static YamlMappingNode Yaml(string relativePath)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(PathOf(relativePath))));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    public static string Scalar(YamlNode mapping, string key) => ((YamlScalarNode)((YamlMappingNode)mapping)[key]).Value!;

    /// <summary>The one entry of <paramref name="key"/>'s list: each file configures exactly one job, datasource or provider.</summary>
    public static YamlMappingNode Single(YamlMappingNode root, string key) => (YamlMappingNode)((YamlSequenceNode)root[key]).Children.Single();

    /// <summary>Every panel of the dashboard, those inside rows included; rows themselves are layout, not panels.</summary>
    public static IReadOnlyList<DashboardPanel> DashboardPanels()
    {
        using var dashboard = JsonDocument.Parse(File.ReadAllText(PathOf(Dashboard)));
        var panels = new List<DashboardPanel>();
        Collect(dashboard.RootElement.GetProperty("panels"), panels);
        return panels;
    }

    private static void Collect(JsonElement list, List<DashboardPanel> panels)
    {
        foreach (var panel in list.EnumerateArray())
        {
            if (panel.GetProperty("type").GetString() == "row")
            {
                if (panel.TryGetProperty("panels", out var nested))
                {
                    Collect(nested, panels);
                }

                continue;
            }

            var targets = panel.TryGetProperty("targets", out var queries)
                ? queries.EnumerateArray().Select(t => new DashboardTarget(t.GetProperty("expr").GetString()!, OptionalString(t, "legendFormat"), DatasourceUid(t))).ToList()
                : [];
            panels.Add(new DashboardPanel(panel.GetProperty("title").GetString()!, DatasourceUid(panel), targets));
        }
    }

    private static string? DatasourceUid(JsonElement element) =>
        element.TryGetProperty("datasource", out var datasource) && datasource.ValueKind == JsonValueKind.Object ? OptionalString(datasource, "uid") : null;

    private static string? OptionalString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

internal sealed record DashboardPanel(string Title, string? DatasourceUid, IReadOnlyList<DashboardTarget> Targets);

internal sealed record DashboardTarget(string Expr, string? LegendFormat, string? DatasourceUid);
