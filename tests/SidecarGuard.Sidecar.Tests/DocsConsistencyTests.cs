using System.Diagnostics.Metrics;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using SidecarGuard.Sidecar.Cli;
using SidecarGuard.Sidecar.Observability;

namespace SidecarGuard.Sidecar.Tests;

/// <summary>The README and the pages under docs/ name the options, metrics and error reasons the code has, and only those.</summary>
public sealed partial class DocsConsistencyTests
{
    private static readonly string Readme = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md"));

    /// <summary>The README and every page of docs/, the whole user documentation.</summary>
    private static readonly string Docs = string.Join("\n", Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "docs"), "*.md")
        .Order(StringComparer.Ordinal).Select(File.ReadAllText).Prepend(Readme));

    private static readonly IReadOnlySet<string> ServeOptions =
        new HashSet<string>(ServeCommand.EnvironmentOptions.Select(o => o.Option), StringComparer.Ordinal);

    [Fact]
    public void Every_Serve_Option_Is_In_The_Readme_And_In_The_Usage()
    {
        var missing = ServeOptions.Where(o => !Docs.Contains($"`{o}`", StringComparison.Ordinal)).ToList();
        Assert.True(missing.Count == 0, "the docs lack: " + string.Join(", ", missing));
        var notInUsage = ServeOptions.Where(o => !CommandLine.Usage.Contains(o, StringComparison.Ordinal)).ToList();
        Assert.True(notInUsage.Count == 0, "usage lacks: " + string.Join(", ", notInUsage));
    }

    [Fact]
    public void Every_Option_The_Readme_Shows_For_Serve_Is_One_The_Sidecar_Takes()
    {
        var synopsis = Readme[Readme.IndexOf("sidecarguard serve [", StringComparison.Ordinal)..];
        synopsis = synopsis[..synopsis.IndexOf("```", StringComparison.Ordinal)];
        var shown = Option().Matches(synopsis).Select(m => m.Value).Distinct().ToList();
        Assert.NotEmpty(shown);
        Assert.All(shown, option => Assert.Contains(option, ServeOptions));
    }

    [Fact]
    public void The_Metrics_Table_Lists_Every_Instrument_And_No_Other()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var names = new List<string>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, _) =>
            {
                if (instrument.Meter.Name == GuardMetrics.Name)
                {
                    names.Add(PrometheusName(instrument));
                }
            },
        };
        listener.Start();
        _ = new GuardMetrics(services.GetRequiredService<IMeterFactory>());

        var documented = MetricRow().Matches(Docs).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(documented.Order(StringComparer.Ordinal), names.Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_Error_Reason_The_Code_Sends_Is_In_The_Contract_And_Its_Reference_Page()
    {
        // Reasons raised below the gRPC layer (Core has no contract reference) must still be contract names.
        string[] fromCore = ["BRANCH_AFTER_END"];
        var all = Enum.GetValues<Contracts.V1.ErrorReason>().Where(r => r != Contracts.V1.ErrorReason.Unspecified)
            .Select(Grpc.ErrorReasons.Of).ToList();
        Assert.Equal(8, all.Count);
        Assert.All(fromCore, r => Assert.True(Grpc.ErrorReasons.IsDefined(r), r));
        Assert.All(all, r => Assert.Contains($"`{r}`", File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "contract.md")), StringComparison.Ordinal));
        Assert.Equal("AT_RISK_VETO", Grpc.ErrorReasons.Of(Contracts.V1.ErrorReason.AtRiskVeto));
    }

    [Fact]
    public void Every_Relative_Link_In_The_Docs_Reaches_A_File_And_Heading()
    {
        var pages = Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "docs"), "*.md").Append(Path.Combine(RepositoryPaths.Root, "README.md"));
        var broken = new List<string>();
        foreach (var page in pages)
        {
            foreach (Match link in Link().Matches(File.ReadAllText(page)))
            {
                var target = link.Groups[1].Value;
                if (target.Contains("://", StringComparison.Ordinal) || target.StartsWith("mailto:", StringComparison.Ordinal))
                {
                    continue;
                }

                var hash = target.IndexOf('#', StringComparison.Ordinal);
                var file = hash < 0 ? target : target[..hash];
                var path = file.Length == 0 ? page : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(page)!, file));
                if (!File.Exists(path) && !Directory.Exists(path))
                {
                    broken.Add($"{Path.GetFileName(page)}: {target} (no such file)");
                }
                else if (hash >= 0 && File.Exists(path) && !Heading().Matches(File.ReadAllText(path)).Select(h => Slug(h.Groups[1].Value)).Contains(target[(hash + 1)..]))
                {
                    broken.Add($"{Path.GetFileName(page)}: {target} (no such heading)");
                }
            }
        }

        Assert.True(broken.Count == 0, "broken links: " + string.Join("; ", broken));
    }

    /// <summary>The anchor GitHub gives a heading: lower case, punctuation dropped, spaces as hyphens.</summary>
    private static string Slug(string heading) =>
        string.Concat(heading.Trim().ToLowerInvariant().Where(c => char.IsLetterOrDigit(c) || c is ' ' or '-' or '_')).Replace(' ', '-');

    /// <summary>The name the Prometheus exporter gives an instrument: dots to underscores, unit and counter suffixes.</summary>
    private static string PrometheusName(Instrument instrument)
    {
        var name = instrument.Name.Replace('.', '_');
        if (instrument.Unit == "s")
        {
            name += "_seconds";
        }

        return instrument is Counter<long> ? name + "_total" : name;
    }

    [GeneratedRegex(@"\]\(([^)\s]+)\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"^#+ (.+)$", RegexOptions.Multiline)]
    private static partial Regex Heading();

    [GeneratedRegex(@"--[a-z][a-z-]+")]
    private static partial Regex Option();

    [GeneratedRegex(@"^\| `(sidecarguard_[a-z_]+)` \|", RegexOptions.Multiline)]
    private static partial Regex MetricRow();
}
