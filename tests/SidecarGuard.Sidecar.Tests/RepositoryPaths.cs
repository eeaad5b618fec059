namespace SidecarGuard.Sidecar.Tests;

/// <summary>Finds folders of this repository from the test's output directory.</summary>
internal static class RepositoryPaths
{
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
