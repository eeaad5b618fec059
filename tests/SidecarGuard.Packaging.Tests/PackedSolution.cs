using System.Diagnostics;
using System.IO.Compression;
using System.Reflection;
using System.Xml.Linq;
using SidecarGuard.Testing;

namespace SidecarGuard.Packaging.Tests;

/// <summary>
/// Every package of the solution, packed once per test run with <c>dotnet pack --no-build</c> in the configuration
/// these tests were built in (the solution must have been built in it: tests/run.sh builds Release first).
/// </summary>
public sealed class PackedSolution : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("sg-packages-").FullName;

    public PackedSolution()
    {
        Root = RepositoryPaths.Root;
        var configuration = typeof(PackedSolution).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = Root };
        foreach (var argument in new[] { "pack", "SidecarGuard.sln", "-c", configuration, "--no-build", "-o", _directory, "-nologo" })
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)) || process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet pack failed (build the solution in {configuration} first):\n{output.Result}\n{error.Result}");
        }

        Packages = [.. Directory.GetFiles(_directory, "*.nupkg").Select(Package.Open)];
    }

    /// <summary>The repository root (where SidecarGuard.sln is).</summary>
    public string Root { get; }

    /// <summary>The packages (not the symbol packages).</summary>
    public IReadOnlyList<Package> Packages { get; }

    public void Dispose()
    {
        foreach (var package in Packages)
        {
            package.Dispose();
        }

        Directory.Delete(_directory, recursive: true);
    }

}

/// <summary>One .nupkg: its manifest and its entries.</summary>
public sealed class Package : IDisposable
{
    private readonly ZipArchive _zip;

    private Package(string path, ZipArchive zip, XElement metadata)
    {
        Path = path;
        _zip = zip;
        Metadata = metadata;
    }

    public string Path { get; }

    /// <summary>The nuspec's <c>metadata</c> element.</summary>
    public XElement Metadata { get; }

    public string Id => Value("id")!;

    public string Version => Value("version")!;

    public IEnumerable<string> Entries => _zip.Entries.Select(e => e.FullName);

    public static Package Open(string path)
    {
        var zip = ZipFile.OpenRead(path);
        var nuspec = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal) && !e.FullName.Contains('/', StringComparison.Ordinal));
        using var stream = nuspec.Open();
        var metadata = XDocument.Load(stream).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        return new Package(path, zip, metadata);
    }

    /// <summary>The text of a metadata element, by local name, or null.</summary>
    public string? Value(string name) => Metadata.Elements().FirstOrDefault(e => e.Name.LocalName == name)?.Value;

    /// <summary>An attribute of a metadata element, by local names, or null.</summary>
    public string? Attribute(string element, string attribute) =>
        Metadata.Elements().FirstOrDefault(e => e.Name.LocalName == element)?.Attribute(attribute)?.Value;

    /// <summary>Reads an entry as text.</summary>
    public string Read(string entry)
    {
        using var reader = new StreamReader(_zip.GetEntry(entry)!.Open());
        return reader.ReadToEnd();
    }

    public void Dispose() => _zip.Dispose();

    public override string ToString() => Id;
}
