using System.Net;
using SidecarGuard.Contracts.V1;
using SidecarGuard.Judges.Tests.Fakes;
using SidecarGuard.Sidecar.Cli;
using SidecarGuard.Sidecar.Hosting;
using SidecarGuard.Testing;

namespace SidecarGuard.Judges.Tests.EndToEnd;

// The wire enum, not the model's enum of the same name.
using TurnAction = SidecarGuard.Contracts.V1.TurnAction;

/// <summary>A real sidecar, configured only by a judges settings file, talking gRPC and calling a fake judge.</summary>
public sealed class SidecarWithJudgesTests : IAsyncLifetime
{
    private readonly string _settings = Path.Combine(Path.GetTempPath(), $"judges-{Guid.NewGuid():N}.json");
    private FakeJudgeServer _judge = null!;
    private TestSidecar _sidecar = null!;

    public async Task InitializeAsync()
    {
        _judge = await FakeJudgeServer.StartAsync();
        // A timeout that a loaded CI machine meets on a first call; the slow-judge test waits 10 s, well past it.
        await File.WriteAllTextAsync(_settings, $$"""
            { "llamaGuard": { "baseUrl": "{{_judge.BaseUrl}}", "timeout": "00:00:03", "failureThreshold": 2, "breakDuration": "00:10:00" } }
            """);
        var options = ServeCommand.Parse(["--store", "memory", "--listen", "127.0.0.1:0", "--http-listen", "off", "--judges", _settings], _ => null);
        _sidecar = await TestSidecar.StartAsync(options);
    }

    public async Task DisposeAsync()
    {
        await _sidecar.DisposeAsync();
        await _judge.DisposeAsync();
        File.Delete(_settings);
    }

    private async Task<EvaluateTurnResponse> TurnAsync(string text) =>
        await _sidecar.Client.EvaluateTurnAsync(new EvaluateTurnRequest { ConversationId = $"e2e-{Guid.NewGuid():N}", UserText = text });

    [Fact]
    public async Task A_Judges_Self_Harm_Verdict_Gives_Support_Where_The_Built_In_Detector_Sees_Nothing()
    {
        Assert.Equal(TurnAction.Allow, (await TurnAsync("what is the tallest mountain?")).Action);
        Assert.Equal(1, _judge.Calls);

        _judge.Respond = ctx => FakeJudgeServer.Json(ctx, FakeJudgeServer.ChatCompletion("unsafe\nS11"));
        var verdict = await TurnAsync("what is the tallest mountain?");
        Assert.Equal(TurnAction.Support, verdict.Action);
        Assert.Contains(verdict.Categories, c => c.Name == "self_harm");
    }

    [Fact]
    public async Task A_Judge_That_Is_Down_Leaves_The_Built_In_Detector_And_Says_So_Until_The_Breaker_Opens()
    {
        _judge.Respond = ctx => FakeJudgeServer.Status(ctx, 503);
        var first = await TurnAsync("hello there");
        Assert.Equal(TurnAction.Allow, first.Action);
        Assert.Contains("judge llama-guard unavailable (HTTP 503); built-in detector only", first.Reason, StringComparison.Ordinal);

        _judge.Respond = ctx => FakeJudgeServer.Slow(ctx, TimeSpan.FromSeconds(10), FakeJudgeServer.ChatCompletion("safe"));
        var slow = await TurnAsync("hello again");
        Assert.Contains("judge llama-guard unavailable (timed out after 3 s)", slow.Reason, StringComparison.Ordinal);

        var skipped = await TurnAsync("and again");
        Assert.Contains("judge llama-guard unavailable (circuit open)", skipped.Reason, StringComparison.Ordinal);
        Assert.Equal(2, _judge.Calls);
    }

    [Fact]
    public void Serve_Reads_The_Judges_Option_And_Its_Environment_Variable()
    {
        Assert.Equal("a.json", ServeCommand.Parse(["--judges", "a.json"], _ => null).JudgesPath);
        Assert.Equal("b.json", ServeCommand.Parse([], v => v == "SIDECARGUARD_JUDGES" ? "b.json" : null).JudgesPath);
        Assert.Null(new SidecarOptions { Listen = new IPEndPoint(IPAddress.Loopback, 0) }.JudgesPath);
    }
}
