namespace Moderation.Testing;

/// <summary>Files of the repository that tests read (rules, deployment files).</summary>
public static class RepositoryPaths
{
    /// <summary>The repository root: the first folder above the test binaries holding Moderation.sln.</summary>
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Moderation.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Moderation.sln not found above the test binaries.");
    }
}
