using SidecarGuard.Core.Guard;
using SidecarGuard.Core.Policy;
using SidecarGuard.Core.Storage;
using SidecarGuard.Sidecar.Hosting;
using SidecarGuard.Sidecar.Replay;
using Xunit.Abstractions;

namespace SidecarGuard.Sidecar.Tests.Scenarios;

/// <summary>
/// Replays a file of conversations that measure the judge rather than pin it (not all of them pass) through the
/// default detector, and prints each one's verdicts: the count that meets its expectation must not fall under the
/// floor measured when the file was last changed.
/// </summary>
internal static class MeasuredConversations
{
    public static async Task<(int Met, int Count, IReadOnlyList<(ScenarioConversation Conversation, bool Met, bool Ended)> Each)> ReplayAsync(
        string fileName, ITestOutputHelper output)
    {
        var detector = DetectorKinds.Create(DetectorKind.Semantic);
        var conversations = ScenarioConversation.Load(Path.Combine(RepositoryPaths.Root, "tests", "SidecarGuard.Sidecar.Tests", "Scenarios", fileName));
        var each = new List<(ScenarioConversation, bool, bool)>();
        foreach (var conversation in conversations)
        {
            var guard = new ConversationGuard(detector, new PolicyHolder(new PolicyOptions()), new InMemoryConversationStore());
            var result = await new ReplayRunner(guard).RunAsync(conversation.Conversation, CancellationToken.None);
            var ok = conversation.IsMetBy(result);
            var ended = result.Verdicts.Any(v => v.Item2.Action == TurnAction.End);
            each.Add((conversation, ok, ended));
            output.WriteLine($"{(ok ? "ok  " : "MISS")} {conversation.Id}: {string.Join(", ", result.Verdicts.Select(v => ActionNames.Of(v.Item2.Action)))}");
            if (!ok)
            {
                foreach (var (turn, verdict) in result.Verdicts)
                {
                    output.WriteLine($"       {ActionNames.Of(verdict.Action),-8} [{string.Join(", ", verdict.Categories.Select(c => $"{c.Name}:{c.Score:0.00}"))}] {turn.Content}");
                }
            }
        }

        var met = each.Count(e => e.Item2);
        output.WriteLine($"{met}/{conversations.Count} as a careful assistant would");
        return (met, conversations.Count, each);
    }
}
