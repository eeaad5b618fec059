using SidecarGuard.Core.Guard;
using SidecarGuard.Core.Policy;
using SidecarGuard.Core.Storage;
using SidecarGuard.Sidecar.Evaluation.Ablation;
using SidecarGuard.Sidecar.Hosting;
using SidecarGuard.Sidecar.Replay;
using Xunit.Abstractions;

namespace SidecarGuard.Sidecar.Tests.Scenarios;

/// <summary>
/// Conversations written after the semantic stage was built (<c>held-out.jsonl</c> beside this file), with what a
/// careful assistant would do, and never used to tune anything: they measure the judge on text nobody fitted it to.
/// Unlike the scenarios, not all of them pass; the floor below is the count measured when they were written, so the
/// test fails on a regression, and the README lists the ones that fail and why.
/// </summary>
public sealed class HeldOutConversationTests(ITestOutputHelper output)
{
    /// <summary>Conversations that meet their expectation with the default detector, measured when the file was written.</summary>
    private const int Floor = 9;

    private static readonly string FilePath = Path.Combine(RepositoryPaths.Root, "tests", "SidecarGuard.Sidecar.Tests", "Scenarios", "held-out.jsonl");

    [Fact]
    public async Task At_Least_The_Measured_Share_Of_Held_Out_Conversations_Gets_What_A_Careful_Assistant_Would_Do()
    {
        var detector = DetectorKinds.Create(DetectorKind.Semantic);
        var conversations = ScenarioConversation.Load(FilePath);
        var met = 0;
        foreach (var conversation in conversations)
        {
            var guard = new ConversationGuard(detector, new PolicyHolder(new PolicyOptions()), new InMemoryConversationStore());
            var result = await new ReplayRunner(guard).RunAsync(conversation.Conversation, CancellationToken.None);
            var ok = conversation.IsMetBy(result);
            met += ok ? 1 : 0;
            output.WriteLine($"{(ok ? "ok  " : "MISS")} {conversation.Id}: {string.Join(", ", result.Verdicts.Select(v => ActionNames.Of(v.Item2.Action)))}");
        }

        output.WriteLine($"{met}/{conversations.Count} as a careful assistant would");
        Assert.Equal(14, conversations.Count);
        Assert.True(met >= Floor, $"{met}/{conversations.Count} held-out conversations met their expectation; the floor is {Floor}.");
    }
}
