using SidecarGuard.Sidecar.Replay;

namespace SidecarGuard.Sidecar.Tests.Scenarios;

public sealed class ScenarioConversationTests
{
    [Fact]
    public void A_Scenario_Expectation_Is_Met_Only_By_What_It_States()
    {
        var line = """{"id": "s", "expect": {"actions": ["REDIRECT", "ALLOW"], "neverEnds": true}, "turns": [{"role": "user", "content": "a"}, {"role": "user", "content": "b"}]}""";
        var path = Path.GetTempFileName();
        File.WriteAllText(path, line + "\n");
        var scenario = Assert.Single(ScenarioConversation.Load(path));
        File.Delete(path);

        ReplayResult Result(params TurnAction[] actions) => new()
        {
            Conversation = scenario.Conversation,
            Verdicts = [.. actions.Select(a => (scenario.Conversation.Turns[0], new TurnVerdict { Action = a, State = new ConversationSnapshot { ConversationId = "s" } }))],
        };

        Assert.True(scenario.IsMetBy(Result(TurnAction.Redirect, TurnAction.Allow)));
        Assert.False(scenario.IsMetBy(Result(TurnAction.Redirect, TurnAction.Redirect)));
        Assert.False(scenario.IsMetBy(Result(TurnAction.Redirect, TurnAction.Allow) with { EndedAtTurn = 1 }));
    }
}
