namespace Moderation.Core.Rules;

/// <summary>Where the rules come from (configuration section <c>Rules</c>, environment <c>Rules__…</c>).</summary>
public sealed class RulesOptions
{
    public const string SectionName = "Rules";

    /// <summary>
    /// The YAML rules file. Relative paths are resolved from the working directory. Empty (the
    /// default) uses <c>rules/default.yaml</c> shipped beside the service's binary.
    /// </summary>
    public string? Path { get; set; }

    /// <summary>The file to load: the configured one, or the shipped default.</summary>
    public string ResolvePath() =>
        string.IsNullOrWhiteSpace(Path)
            ? System.IO.Path.Combine(AppContext.BaseDirectory, "rules", "default.yaml")
            : System.IO.Path.GetFullPath(Path);
}
