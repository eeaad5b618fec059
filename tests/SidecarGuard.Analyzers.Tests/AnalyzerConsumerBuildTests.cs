using System.Diagnostics;
using System.Text.RegularExpressions;

namespace SidecarGuard.Analyzers.Tests;

/// <summary>
/// Builds tests/AnalyzerConsumer with `dotnet build`, the analyzer loaded as a real project loads it, and checks the
/// build reports exactly the SG warnings its "// expect SGxxxx" comments announce.
/// </summary>
public sealed partial class AnalyzerConsumerBuildTests
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(8);

    [Fact]
    public async Task Consumer_Build_Reports_Exactly_The_Expected_Warnings()
    {
        var project = Path.Combine(RuleDocumentationTests.RepositoryRoot(), "tests", "AnalyzerConsumer");
        var expected = ExpectedWarnings(project);

        var output = await BuildAsync(project);

        var actual = WarningPattern().Matches(output)
            .Select(m => $"{Path.GetFileName(m.Groups["file"].Value)}:{m.Groups["line"].Value} {m.Groups["id"].Value}")
            .ToHashSet(StringComparer.Ordinal);
        Assert.True(expected.SetEquals(actual), $"Expected:\n{string.Join("\n", expected.Order())}\nActual:\n{string.Join("\n", actual.Order())}\n\nBuild output:\n{output}");
    }

    private static HashSet<string> ExpectedWarnings(string project)
    {
        var expected = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(project, "*.cs"))
        {
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                foreach (Match match in ExpectPattern().Matches(lines[i]))
                {
                    expected.Add($"{Path.GetFileName(file)}:{i + 1} {match.Groups["id"].Value}");
                }
            }
        }

        Assert.NotEmpty(expected);
        return expected;
    }

    private static async Task<string> BuildAsync(string project)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = project,
        };
        // The analyzer and abstractions were built with this test project: reuse them rather than rebuild shared
        // outputs, and recompile only the consumer so its warnings are printed again.
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        foreach (var argument in new[] { "build", "-c", configuration, "--no-dependencies", "--no-incremental", "--disable-build-servers", "-m:1", "-nodeReuse:false", "-p:UseSharedCompilation=false", "-clp:NoSummary" })
        {
            start.ArgumentList.Add(argument);
        }

        // The test host runs under MSBuild's environment; a child build must find its own.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(BuildTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        var output = await stdout + await stderr;
        Assert.True(process.ExitCode == 0, "Consumer build failed:\n" + output);
        return output;
    }

    [GeneratedRegex(@"(?<file>[^\s(]+\.cs)\((?<line>\d+),\d+\): warning (?<id>SG\d{4})")]
    private static partial Regex WarningPattern();

    [GeneratedRegex(@"expect (?<id>SG\d{4})")]
    private static partial Regex ExpectPattern();
}
