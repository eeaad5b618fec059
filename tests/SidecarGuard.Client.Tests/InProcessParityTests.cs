using Microsoft.Extensions.DependencyInjection;

namespace SidecarGuard.Client.Tests;

/// <summary>The in-process guard and the sidecar give the same verdicts for the same transcript.</summary>
public sealed class InProcessParityTests : IAsyncLifetime
{
    private TestSidecar _sidecar = null!;

    public async Task InitializeAsync() => _sidecar = await TestSidecar.StartAsync();

    public async Task DisposeAsync() => await _sidecar.DisposeAsync();

    public static TheoryData<string, string[], EndReason> Transcripts => new()
    {
        { "abuse", [Phrases.Benign, Phrases.Terror, Phrases.Terror, Phrases.Terror, Phrases.Terror], EndReason.Abuse },
        { "at-risk", [Phrases.AtRisk, Phrases.Terror, Phrases.Terror, Phrases.Terror, Phrases.Terror], EndReason.Abuse },
        { "user-requested", [Phrases.Benign, Phrases.EndRequest, Phrases.Confirm], EndReason.UserRequested },
    };

    [Theory]
    [MemberData(nameof(Transcripts))]
    public async Task Same_Transcript_Same_Verdicts_And_Same_End(string name, string[] turns, EndReason end)
    {
        // The sidecar runs the semantic stage by default; the in-process guard runs it when asked to.
        using var provider = new ServiceCollection().AddSidecarGuardInProcess().AddSidecarGuardSemanticDetector().BuildServiceProvider();
        var inProcess = provider.GetRequiredService<IConversationGuard>();
        var sidecar = _sidecar.Guard();
        var id = $"parity-{name}-{Guid.NewGuid():N}";

        string? previous = null;
        foreach (var text in turns)
        {
            var request = new TurnRequest(id, text) { PreviousAssistantText = previous };
            var local = await inProcess.EvaluateTurnAsync(request);
            var remote = await sidecar.EvaluateTurnAsync(request);

            Assert.Equal(local.Action, remote.Action);
            Assert.Equal(local.EndReason, remote.EndReason);
            Assert.Equal(local.TurnIndex, remote.TurnIndex);
            Assert.Equal(local.Guidance, remote.Guidance);
            Assert.Equal(local.Categories, remote.Categories);
            Assert.Equal(local.State, remote.State);
            previous = local.Action == TurnAction.Allow ? Phrases.Reply : Phrases.Refusal;
        }

        var localEnd = await inProcess.EndConversationAsync(id, end);
        var remoteEnd = await sidecar.EndConversationAsync(id, end);
        Assert.Equal(localEnd.Ended, remoteEnd.Ended);
        Assert.Equal(localEnd.Refusal, remoteEnd.Refusal);
        Assert.Equal(localEnd.State, remoteEnd.State);
        Assert.Equal(localEnd.Record?.EvidenceHashes, remoteEnd.Record?.EvidenceHashes);
        Assert.Equal(name != "at-risk", remoteEnd.Ended);
    }
}
