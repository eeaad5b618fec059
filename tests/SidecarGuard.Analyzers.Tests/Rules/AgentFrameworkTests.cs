using static SidecarGuard.Analyzers.Tests.Verifiers.TestSources;
using Verify = SidecarGuard.Analyzers.Tests.Verifiers.AnalyzerVerifier<SidecarGuard.Analyzers.Rules.UnguardedChatCallAnalyzer>;

namespace SidecarGuard.Analyzers.Tests.Rules;

/// <summary>
/// SG1001 and Microsoft Agent Framework agents: <c>AIAgent.RunAsync</c> / <c>RunStreamingAsync</c> send a turn to the
/// model, so they need the guard, unless the agent is made on a guarded chat client (<c>new ChatClientAgent(client)</c>,
/// <c>client.AsAIAgent()</c>), whose every turn then passes it.
/// </summary>
public sealed class AgentFrameworkTests
{
    [Fact]
    public Task Warns_When_An_Agent_On_An_Unguarded_Client_Runs_Without_The_Guard() => Verify.VerifyAsync(InChatClass("""
            public async Task Ask(string text)
            {
                var agent = new Microsoft.Agents.AI.ChatClientAgent(client, "You are helpful.");
                await {|SG1001:agent.RunAsync(text)|};
            }
        """));

    [Fact]
    public Task Warns_On_Streaming_Runs_Of_An_Injected_Agent() => Verify.VerifyAsync(InChatClass("""
            public async Task Ask(Microsoft.Agents.AI.AIAgent agent, string text)
            {
                await foreach (var update in {|SG1001:agent.RunStreamingAsync(text)|})
                {
                }
            }
        """));

    [Fact]
    public Task Quiet_When_The_Guard_Runs_First() => Verify.VerifyAsync(InChatClass("""
            public async Task Ask(Microsoft.Agents.AI.AIAgent agent, string id, string text)
            {
                var verdict = await guard.EvaluateTurnAsync(new TurnRequest(id, text));
                if (verdict.Action == TurnAction.Ended)
                {
                    return;
                }

                await agent.RunAsync(text);
            }
        """));

    [Fact]
    public Task Quiet_When_The_Agent_Is_Made_On_A_Guarded_Pipeline() => Verify.VerifyAsync(InChatClass("""
            public async Task Ask(string text)
            {
                var agent = new Microsoft.Agents.AI.ChatClientAgent(
                    SidecarGuard.Extensions.AI.SidecarGuardChatClientBuilderExtensions.UseSidecarGuard(new ChatClientBuilder(client)).Build(), "You are helpful.");
                await agent.RunAsync(text);
            }
        """));

    [Fact]
    public Task Quiet_When_The_Agent_Comes_From_A_Guarded_Local_Through_AsAIAgent() => Verify.VerifyAsync(InChatClass("""
            public async Task Ask(string text)
            {
                var guarded = SidecarGuard.Extensions.AI.SidecarGuardChatClientBuilderExtensions.UseSidecarGuard(new ChatClientBuilder(client)).Build();
                var agent = Microsoft.Agents.AI.AgentChatClientExtensions.AsAIAgent(guarded, "You are helpful.");
                await agent.RunAsync(text);
                await foreach (var update in agent.RunStreamingAsync(text))
                {
                }
            }
        """));

    [Fact]
    public Task Warns_When_AsAIAgent_Is_Called_On_An_Unguarded_Client() => Verify.VerifyAsync(InChatClass("""
            public async Task Ask(string text)
            {
                var agent = Microsoft.Agents.AI.AgentChatClientExtensions.AsAIAgent(client);
                await {|SG1001:agent.RunAsync(text)|};
            }
        """));
}
