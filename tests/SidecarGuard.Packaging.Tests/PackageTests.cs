using System.Xml.Linq;

namespace SidecarGuard.Packaging.Tests;

/// <summary>What a consumer of the packages sees: ids, one version, a short readme each, the licence, the layouts.</summary>
public sealed class PackageTests(PackedSolution packed) : IClassFixture<PackedSolution>
{
    private static readonly string[] Ids =
    [
        "SidecarGuard.Abstractions", "SidecarGuard.Analyzers", "SidecarGuard.Client", "SidecarGuard.Contracts", "SidecarGuard.Core",
        "SidecarGuard.Extensions.AI", "SidecarGuard.Judges", "SidecarGuard.Semantic", "SidecarGuard.SemanticKernel", "SidecarGuard.Sidecar",
        "SidecarGuard.Storage.Redis", "SidecarGuard.Storage.Sqlite",
    ];

    private Package Get(string id) => packed.Packages.Single(p => p.Id == id);

    [Fact]
    public void The_Solution_Packs_Exactly_The_Published_Packages()
    {
        Assert.Equal(Ids, packed.Packages.Select(p => p.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_Package_Has_The_Version_Of_The_Build_Props()
    {
        var props = XDocument.Load(Path.Combine(packed.Root, "Directory.Build.props"));
        var version = props.Descendants("Version").Single().Value;
        Assert.All(packed.Packages, p => Assert.Equal(version, p.Version));
    }

    [Fact]
    public void Every_Package_Has_Its_Own_Short_Readme_Licence_And_Repository()
    {
        Assert.All(packed.Packages, p =>
        {
            Assert.Equal("README.md", p.Value("readme"));
            var readme = p.Read("README.md");
            Assert.StartsWith($"# {p.Id}\n", readme, StringComparison.Ordinal);
            Assert.True(readme.Length < 4096, $"{p.Id}: the readme is {readme.Length} characters; a package gets a short one, the guide stays in the repository");
            Assert.Equal("MIT", p.Value("license"));
            Assert.Equal("expression", p.Attribute("license", "type"));
            Assert.StartsWith("https://", p.Attribute("repository", "url"), StringComparison.Ordinal);
            Assert.False(string.IsNullOrWhiteSpace(p.Value("description")), $"{p.Id} has no description");
        });
    }

    [Fact]
    public void The_Analyzer_Package_Is_A_Development_Dependency_With_Analyzers_Only()
    {
        var analyzers = Get("SidecarGuard.Analyzers");
        Assert.Equal("true", analyzers.Value("developmentDependency"));
        Assert.Contains("analyzers/dotnet/cs/SidecarGuard.Analyzers.dll", analyzers.Entries);
        Assert.Contains("analyzers/dotnet/cs/SidecarGuard.Analyzers.CodeFixes.dll", analyzers.Entries);
        Assert.DoesNotContain(analyzers.Entries, e => e.StartsWith("lib/", StringComparison.Ordinal));
        Assert.Null(analyzers.Metadata.Elements().FirstOrDefault(e => e.Name.LocalName == "dependencies")?.Elements().FirstOrDefault());
    }

    [Fact]
    public void The_Tool_Package_Is_A_Dotnet_Tool_With_Native_Libraries_For_Supported_Platforms_Only()
    {
        var tool = Get("SidecarGuard.Sidecar");
        Assert.Equal("DotnetTool", tool.Metadata.Elements().Single(e => e.Name.LocalName == "packageTypes").Elements().Single().Attribute("name")?.Value);
        Assert.Contains(tool.Entries, e => e.EndsWith("/sidecarguard.dll", StringComparison.OrdinalIgnoreCase) || e.EndsWith("/SidecarGuard.Sidecar.dll", StringComparison.Ordinal));
        var runtimes = tool.Entries.Select(e => e.Split('/')).Where(parts => parts.Contains("runtimes")).Select(parts => parts[Array.IndexOf(parts, "runtimes") + 1]).ToHashSet();
        string[] supported = ["linux-x64", "linux-musl-x64", "linux-arm64", "linux-musl-arm64", "osx-x64", "osx-arm64", "win-x64", "win-arm64"];
        Assert.NotEmpty(runtimes);
        Assert.All(runtimes, rid => Assert.Contains(rid, supported));
    }

    [Fact]
    public void Libraries_Carry_Xml_Documentation_Beside_Each_Assembly()
    {
        Assert.All(packed.Packages.Where(p => p.Id is not ("SidecarGuard.Sidecar" or "SidecarGuard.Analyzers")), p =>
        {
            var dll = Assert.Single(p.Entries, e => e.StartsWith("lib/", StringComparison.Ordinal) && e.EndsWith($"/{p.Id}.dll", StringComparison.Ordinal));
            Assert.Contains(dll[..^4] + ".xml", p.Entries);
        });
    }
}
