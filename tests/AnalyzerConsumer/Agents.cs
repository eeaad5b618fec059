using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;
using SidecarGuard.Extensions.AI;

namespace AnalyzerConsumer;

// Microsoft Agent Framework agents over the real package. Lines marked "expect" are asserted by
// AnalyzerConsumerBuildTests; keep them where they are.
public sealed class AgentReplies(IChatClient model)
{
    public Task<AgentResponse> Unguarded(string text)
    {
        AIAgent agent = new ChatClientAgent(model, "You are a helpful assistant.");
        return agent.RunAsync(text); // expect SG1001
    }

    public Task<AgentResponse> OnAGuardedPipeline(string text)
    {
        var guarded = new ChatClientBuilder(model).UseSidecarGuard().Build();
        var agent = guarded.AsAIAgent("You are a helpful assistant.");
        return agent.RunAsync(text);
    }
}
