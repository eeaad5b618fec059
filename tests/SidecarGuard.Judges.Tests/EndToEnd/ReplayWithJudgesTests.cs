using System.Text.Json;
using SidecarGuard.Judges.Tests.Fakes;
using SidecarGuard.Sidecar.Cli;
using SidecarGuard.Sidecar.Hosting;

namespace SidecarGuard.Judges.Tests.EndToEnd;

/// <summary><c>replay --judges</c> is put together like the sidecar: a judge's verdict changes what replay prints.</summary>
public sealed class ReplayWithJudgesTests : IAsyncLifetime
{
    private const string Conversation =
        """{"id": "q", "turns": [{"role": "user", "content": "what is the tallest mountain?"}]}""";

    private readonly string _settings = Path.Combine(Path.GetTempPath(), $"replay-judges-{Guid.NewGuid():N}.json");
    private readonly string _input = Path.Combine(Path.GetTempPath(), $"replay-{Guid.NewGuid():N}.jsonl");
    private FakeJudgeServer _judge = null!;

    public async Task InitializeAsync()
    {
        _judge = await FakeJudgeServer.StartAsync();
        await File.WriteAllTextAsync(_settings, $$"""
            { "llamaGuard": { "baseUrl": "{{_judge.BaseUrl}}", "timeout": "00:00:05" } }
            """);
        await File.WriteAllTextAsync(_input, Conversation + "\n");
    }

    public async Task DisposeAsync()
    {
        await _judge.DisposeAsync();
        File.Delete(_settings);
        File.Delete(_input);
    }

    private async Task<string> FirstActionAsync(params string[] extra)
    {
        var options = ReplayCommand.Parse([_input, "--format", "json", "--detector", "lexicon", .. extra], outputRedirected: true);
        using var output = new StringWriter();
        using var error = new StringWriter();
        Assert.Equal(0, await ReplayCommand.RunAsync(options, TextReader.Null, output, error));
        using var line = JsonDocument.Parse(output.ToString().Trim());
        return line.RootElement.GetProperty("actions")[0].GetString()!;
    }

    [Fact]
    public async Task A_Judge_That_Flags_Self_Harm_Turns_Replays_Allow_Into_Support()
    {
        Assert.Equal("ALLOW", await FirstActionAsync());
        Assert.Equal(0, _judge.Calls);

        _judge.Respond = ctx => FakeJudgeServer.Json(ctx, FakeJudgeServer.ChatCompletion("unsafe\nS11"));
        Assert.Equal("SUPPORT", await FirstActionAsync("--judges", _settings));
        Assert.Equal(1, _judge.Calls);
    }

    [Fact]
    public void Replay_Reads_The_Judges_Option()
    {
        Assert.Equal("j.json", ReplayCommand.Parse(["in.jsonl", "--judges", "j.json"], outputRedirected: true).JudgesPath);
        Assert.Null(ReplayCommand.Parse(["in.jsonl"], outputRedirected: true).JudgesPath);
        Assert.Equal(DetectorKind.Semantic, ReplayCommand.Parse(["in.jsonl"], outputRedirected: true).Detector);
    }
}
