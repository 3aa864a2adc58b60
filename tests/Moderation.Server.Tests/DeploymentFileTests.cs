using Moderation.Testing;
using YamlDotNet.RepresentationModel;

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

    private static YamlMappingNode LoadCompose()
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(Path.Combine(Root, "docker-compose.yml"))));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }
}
