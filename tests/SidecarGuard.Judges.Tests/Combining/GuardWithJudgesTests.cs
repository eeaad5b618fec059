using SidecarGuard.Core.Detection;
using SidecarGuard.Core.Guard;
using SidecarGuard.Core.Policy;
using SidecarGuard.Core.Storage;
using SidecarGuard.Judges.Tests.Fakes;

namespace SidecarGuard.Judges.Tests.Combining;

/// <summary>The guard's async detector path and the note in the verdict's reason, with a real <see cref="ConversationGuard"/>.</summary>
public sealed class GuardWithJudgesTests : IAsyncLifetime
{
    private FakeJudgeServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeJudgeServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static ConversationGuard Guard(ITurnDetector detector) =>
        new(detector, new PolicyHolder(new PolicyOptions()), new InMemoryConversationStore());

    [Fact]
    public async Task The_Guard_Awaits_The_Judges_And_A_Judges_At_Risk_Signal_Gives_Support()
    {
        _server.Respond = ctx => FakeJudgeServer.Json(ctx, FakeJudgeServer.ChatCompletion("unsafe\nS11"));
        using var detector = TestJudges.Combined(new StubDetector(), TestJudges.Guarded(TestJudges.LlamaGuard(_server)));
        var verdict = await Guard(detector).EvaluateTurnAsync(new TurnRequest("c1", "an innocuous-looking turn"));
        Assert.Equal(TurnAction.Support, verdict.Action);
        Assert.Equal(1, _server.Calls);
    }

    [Fact]
    public async Task An_Unavailable_Judge_Is_Named_In_The_Verdict_Reason()
    {
        _server.Respond = ctx => FakeJudgeServer.Status(ctx, 503);
        using var detector = TestJudges.Combined(new StubDetector(), TestJudges.Guarded(TestJudges.LlamaGuard(_server)));
        var verdict = await Guard(detector).EvaluateTurnAsync(new TurnRequest("c1", "hello"));
        Assert.Equal(TurnAction.Allow, verdict.Action);
        Assert.EndsWith("(judge llama-guard unavailable (HTTP 503); built-in detector only)", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_Guard_Takes_The_Async_Path_When_The_Detector_Offers_One()
    {
        var verdict = await Guard(new AsyncOnlyDetector()).EvaluateTurnAsync(new TurnRequest("c1", "hello"));
        Assert.Equal(TurnAction.Support, verdict.Action);
    }

    [Fact]
    public async Task Without_A_Note_The_Reason_Is_The_Policys_Own()
    {
        var verdict = await Guard(new StubDetector()).EvaluateTurnAsync(new TurnRequest("c1", "hello"));
        Assert.DoesNotContain("judge", verdict.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("(", verdict.Reason, StringComparison.Ordinal);
    }

    /// <summary>Answers at risk on the async path and throws on the blocking one.</summary>
    private sealed class AsyncOnlyDetector : IAsyncTurnDetector
    {
        public ValueTask<TurnSignals> AnalyzeUserTurnAsync(string text, CancellationToken cancellationToken) =>
            ValueTask.FromResult(new TurnSignals { AtRisk = true });

        public TurnSignals AnalyzeUserTurn(string text) => throw new InvalidOperationException("The guard must not block on I/O.");

        public bool IsRefusal(string assistantText) => false;
    }
}
