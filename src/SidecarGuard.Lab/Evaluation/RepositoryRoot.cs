namespace SidecarGuard.Lab.Evaluation;

/// <summary>Finds the repository a lab command runs in, where it reads data and writes models.</summary>
internal static class RepositoryRoot
{
    /// <summary>The first of <paramref name="start"/> and its ancestors that holds <c>SidecarGuard.sln</c>, or null.</summary>
    public static string? Find(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SidecarGuard.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }

    /// <summary><paramref name="relative"/> inside the repository around the working directory, or null outside one.</summary>
    public static string? FileFromWorkingDirectory(string relative) =>
        Find(Directory.GetCurrentDirectory()) is { } root ? Path.Combine(root, relative) : null;
}
