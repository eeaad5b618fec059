using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;
using SidecarGuard.Client;
using SidecarGuard.Tests.Shared;

namespace SidecarGuard.Extensions.AI.Tests;

/// <summary>
/// A Microsoft Agent Framework agent (<see cref="ChatClientAgent"/>) built on a guarded chat client, over a real
/// sidecar and a scripted model: the agent's runs are judged like any call through the pipeline, the model ends the
/// conversation with <c>end_conversation</c>, and an ended conversation's next run never reaches the model.
/// </summary>
public sealed class AgentFrameworkTests : IAsyncLifetime
{
    private readonly ScriptedChatClient _model = new();
    private readonly string _conversationId = "agent-" + Guid.NewGuid().ToString("N");
    private TestSidecar _sidecar = null!;
    private GrpcConversationGuard _guard = null!;
    private AIAgent _agent = null!;
    private AgentSession _session = null!;

    public async Task InitializeAsync()
    {
        _sidecar = await TestSidecar.StartAsync();
        _guard = _sidecar.Guard();
        _agent = new ChatClientBuilder(_model).UseSidecarGuard(_guard).UseFunctionInvocation().Build()
            .AsAIAgent(instructions: "You are a helpful assistant.", name: "guarded");
        _session = await _agent.CreateSessionAsync();
    }

    public async Task DisposeAsync() => await _sidecar.DisposeAsync();

    private ChatClientAgentRunOptions RunOptions() => new(new ChatOptions { ConversationId = _conversationId });

    private Task<AgentResponse> SayAsync(string text) => _agent.RunAsync(text, _session, RunOptions());

    [Fact]
    public async Task Persistent_Terror_Ends_Through_The_Agents_Tool_Call_And_The_Next_Run_Is_Stopped()
    {
        _model.Says(Phrases.Refusal).Says(Phrases.Refusal).Says(Phrases.Refusal).CallsEndConversation("abuse");

        await SayAsync(Phrases.Terror);
        Assert.Contains("steer toward", _model.LastInstructions, StringComparison.Ordinal);
        await SayAsync(Phrases.Terror);
        await SayAsync(Phrases.Terror);
        Assert.Contains("may end this conversation", _model.LastInstructions, StringComparison.Ordinal);
        await SayAsync(Phrases.Terror);

        Assert.Contains(EndConversationFunction.Name, _model.Calls[^1].Tools);
        var view = await _guard.GetConversationAsync(_conversationId);
        Assert.Equal(ConversationStatus.Ended, view!.State.Status);
        Assert.Equal(EndReason.Abuse, view.EndRecord!.Reason);

        var calls = _model.Calls.Count;
        var error = await Assert.ThrowsAsync<ConversationEndedException>(() => SayAsync(Phrases.Benign));
        Assert.Equal(_conversationId, error.ConversationId);
        await Assert.ThrowsAsync<ConversationEndedException>(async () =>
        {
            await foreach (var update in _agent.RunStreamingAsync(Phrases.Benign, _session, RunOptions()))
            {
                Assert.Fail("The model must not stream after the end: " + update.Text);
            }
        });
        Assert.Equal(calls, _model.Calls.Count);
    }

    [Fact]
    public async Task A_User_Who_Backs_Off_After_A_Refusal_Is_Answered_Normally()
    {
        _model.Says(Phrases.Refusal).Says("Happy to help with that.");

        await SayAsync(Phrases.Terror);
        var answer = await SayAsync(Phrases.Benign);

        Assert.Equal("Happy to help with that.", answer.Text);
        Assert.DoesNotContain(EndConversationFunction.Name, _model.Calls[^1].Tools);
        var view = await _guard.GetConversationAsync(_conversationId);
        Assert.Equal(ConversationStatus.Active, view!.State.Status);
    }
}
