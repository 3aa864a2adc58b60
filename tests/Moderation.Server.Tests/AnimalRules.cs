namespace Moderation.Server.Tests;

/// <summary>
/// A small rules file of the statistics and backtest tests' own, in a temp folder: made-up words,
/// so no shipped term and no other test's traffic changes what they count.
/// </summary>
internal sealed class AnimalRules : IDisposable
{
    public const string Yaml = """
        rules:
          - {id: quagga, action: reject, terms: [quagga]}
          - {id: badger, action: hold, terms: [badger]}
          - {id: ferret, action: flag, terms: [ferret]}
          - {id: stoat, action: hold, shadow: true, terms: [stoat]}
        """;

    /// <summary>The same file with one more rule, a hold on "zebra".</summary>
    public const string WithZebra = Yaml + "\n  - {id: zebra, action: hold, terms: [zebra]}\n";

    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("moderation-animals-");

    public AnimalRules() => File.WriteAllText(Path, Yaml);

    public string Path => System.IO.Path.Combine(_directory.FullName, "rules.yaml");

    public void Dispose() => _directory.Delete(recursive: true);
}
