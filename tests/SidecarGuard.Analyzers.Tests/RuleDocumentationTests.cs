using System.Reflection;
using SidecarGuard.Analyzers.Rules;

namespace SidecarGuard.Analyzers.Tests;

/// <summary>Every rule has its doc page, a help link to it and a release-tracking entry.</summary>
public sealed class RuleDocumentationTests
{
    public static TheoryData<string> RuleIds()
    {
        var data = new TheoryData<string>();
        foreach (var field in typeof(RuleIdentifiers).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral))
        {
            data.Add((string)field.GetRawConstantValue()!);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Rule_Has_Doc_Page(string id)
    {
        var page = Path.Combine(RepositoryRoot(), "analyzers", "docs", id + ".md");
        Assert.True(File.Exists(page), $"Missing {page}");
        var text = File.ReadAllText(page);
        Assert.StartsWith("# " + id + ":", text, StringComparison.Ordinal);
        foreach (var section in new[] { "## What it reports", "## Why", "## How to fix", "## Options", "## Examples" })
        {
            Assert.Contains(section, text, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Rule_Has_Release_Tracking_Entry(string id)
    {
        var directory = Path.Combine(RepositoryRoot(), "analyzers", "SidecarGuard.Analyzers");
        var entries = File.ReadAllLines(Path.Combine(directory, "AnalyzerReleases.Shipped.md"))
            .Concat(File.ReadAllLines(Path.Combine(directory, "AnalyzerReleases.Unshipped.md")));
        Assert.Contains(entries, line => line.StartsWith(id + " ", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Rule_Is_Reported_With_Help_Link_To_Its_Page(string id)
    {
        var analyzers = new Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer[]
        {
            new UnguardedChatCallAnalyzer(), new KernelGuardFiltersAnalyzer(), new IgnoredVerdictAnalyzer(), new UnguardedRegistrationAnalyzer(),
        };
        var descriptor = Assert.Single(analyzers.SelectMany(a => a.SupportedDiagnostics), d => d.Id == id);
        Assert.Equal($"https://github.com/sidecarguard/sidecarguard/blob/main/analyzers/docs/{id}.md", descriptor.HelpLinkUri);
        Assert.Equal(Microsoft.CodeAnalysis.DiagnosticSeverity.Warning, descriptor.DefaultSeverity);
    }

    internal static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "SidecarGuard.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("SidecarGuard.sln not found above " + AppContext.BaseDirectory);
    }
}
