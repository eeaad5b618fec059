using System.Reflection;

namespace SidecarGuard.Sidecar.Tests;

/// <summary>
/// The folder holding google/api/annotations.proto and http.proto, from the Google.Api.CommonProtos package (its
/// build targets name it; the test project records it at build time). Nothing is copied into the repository.
/// </summary>
internal static class GoogleApiProtos
{
    public static string Directory { get; } = Find();

    private static string Find()
    {
        var path = typeof(GoogleApiProtos).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(a => a.Key == "GoogleApiProtos")?.Value;
        if (string.IsNullOrEmpty(path) || !File.Exists(Path.Combine(path, "google", "api", "annotations.proto")))
        {
            throw new InvalidOperationException(
                $"google/api/annotations.proto not found under '{path}': restore the Google.Api.CommonProtos package.");
        }

        return path;
    }
}
