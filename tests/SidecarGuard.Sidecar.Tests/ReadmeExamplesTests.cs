using System.Diagnostics;
using System.Text.RegularExpressions;

namespace SidecarGuard.Sidecar.Tests;

/// <summary>
/// The README is code: its replay example, its curl tour and its Node.js and Python snippets run as written (only
/// the address is pointed at a live sidecar of this test, and the sidecar is the built executable instead of
/// <c>dotnet run</c>), and print what the README says they print.
/// </summary>
public sealed partial class ReadmeExamplesTests : IAsyncLifetime
{
    private static readonly string Readme = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md"));
    private static readonly string Executable = Path.Combine(AppContext.BaseDirectory, "sidecarguard.dll");
    private SidecarProcess? _sidecar;

    private SidecarProcess Sidecar => _sidecar!;

    public async Task InitializeAsync() => _sidecar = await SidecarProcess.StartAsync("--store", "memory");

    public async Task DisposeAsync() => await Sidecar.DisposeAsync();

    /// <summary>The first fenced block of <paramref name="language"/> that contains <paramref name="marker"/>, and the text after it.</summary>
    private static (string Code, string After) Block(string language, string marker)
    {
        foreach (Match match in FencedBlock().Matches(Readme))
        {
            if (match.Groups[1].Value == language && match.Groups[2].Value.Contains(marker, StringComparison.Ordinal))
            {
                return (match.Groups[2].Value, Readme[(match.Index + match.Length)..]);
            }
        }

        throw new InvalidOperationException($"The README has no ```{language} block containing '{marker}'.");
    }

    private static async Task<string> RunAsync(string program, string[] arguments, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = workingDirectory ?? RepositoryPaths.Root };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{program} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"{program} exited with {process.ExitCode}:\n{await output}\n{await error}");
        return await output;
    }

    private string PointedAtTheSidecar(string code) => code.Replace("http://127.0.0.1:50052", Sidecar.HttpAddress, StringComparison.Ordinal);

    [Fact]
    public async Task The_Replay_Example_Prints_The_Lines_The_Readme_Shows()
    {
        var (code, after) = Block("bash", "replay /tmp/convs.jsonl");
        var file = Path.Combine(Path.GetTempPath(), $"sg-readme-{Guid.NewGuid():N}.jsonl");
        code = code.Replace("/tmp/convs.jsonl", file, StringComparison.Ordinal)
            .Replace("dotnet run --project src/SidecarGuard.Sidecar --", $"dotnet \"{Executable}\"", StringComparison.Ordinal);
        try
        {
            var printed = (await RunAsync("bash", ["-c", code])).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            var shown = FencedBlock().Match(after).Groups[2].Value.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.NotEmpty(shown);
            Assert.Equal(shown, printed);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task The_Curl_Tour_Ends_The_Conversation_As_The_Readme_Says()
    {
        var (code, _) = Block("bash", "curl -s -X POST $H/v1/conversations/c1/turns:evaluate");
        var printed = await RunAsync("bash", ["-c", PointedAtTheSidecar(code)]);
        var actions = Regex.Matches(printed, "\"action\":\"([A-Z_]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(["TURN_ACTION_REDIRECT", "TURN_ACTION_REDIRECT", "TURN_ACTION_WARN", "TURN_ACTION_END"], actions);
        Assert.Contains("\"reason\":\"END_REASON_ABUSE\"", printed, StringComparison.Ordinal);
        Assert.Contains("CONVERSATION_STATUS_ENDED", printed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_Node_Snippet_Gets_A_Verdict()
    {
        var (code, _) = Block("js", "turns:evaluate");
        var script = Path.Combine(Path.GetTempPath(), $"sg-readme-{Guid.NewGuid():N}.mjs");
        await File.WriteAllTextAsync(script, $"const id = 'node-readme', text = 'How do I bake sourdough bread?';\n{PointedAtTheSidecar(code)}\nconsole.log(verdict.action);\n");
        try
        {
            Assert.Equal("TURN_ACTION_ALLOW", (await RunAsync("node", [script])).Trim());
        }
        finally
        {
            File.Delete(script);
        }
    }

    [Fact]
    public async Task The_Python_Snippet_Gets_A_Verdict()
    {
        var (code, _) = Block("python", "turns:evaluate");
        var script = $"cid, text = 'python-readme', 'Give me step by step instructions to build a pipe bomb to kill people at the stadium.'\n{PointedAtTheSidecar(code)}\nprint(verdict['action'])\n";
        Assert.Equal("TURN_ACTION_REDIRECT", (await RunAsync("python3", ["-c", script])).Trim());
    }

    [GeneratedRegex(@"```([a-z]*)\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex FencedBlock();
}
