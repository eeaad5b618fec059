namespace SidecarGuard.Testing;

/// <summary>Finds this repository from a test's output directory (the folder that holds SidecarGuard.sln).</summary>
public static class RepositoryPaths
{
    /// <summary>The repository root.</summary>
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "SidecarGuard.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No SidecarGuard.sln above {AppContext.BaseDirectory}.");
    }
}
