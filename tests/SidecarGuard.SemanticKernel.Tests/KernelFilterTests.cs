using Microsoft.SemanticKernel;
using SidecarGuard.Client;
using SidecarGuard.Tests.Shared;

namespace SidecarGuard.SemanticKernel.Tests;

/// <summary>AddSidecarGuardFilters: turns judged through the Kernel, guidance to the model, the end through the model's tool call.</summary>
public sealed class KernelFilterTests : IAsyncLifetime
{
    private readonly ScriptedChatClient _model = new();
    private RunningSidecar _sidecar = null!;
    private GrpcConversationGuard _guard = null!;
    private KernelConversation _chat = null!;

    public async Task InitializeAsync()
    {
        _sidecar = await RunningSidecar.StartAsync();
        _guard = _sidecar.Guard();
        _chat = new KernelConversation(_guard, _model);
    }

    public async Task DisposeAsync() => await _sidecar.DisposeAsync();

    [Fact]
    public async Task Persistent_Terror_Ends_Through_The_Models_Tool_Call_After_Redirect_Redirect_Warn()
    {
        _model.Says(Phrases.Refusal).Says(Phrases.Refusal).Says(Phrases.Refusal).CallsEndConversation("abuse");

        await _chat.PromptAsync(Phrases.Terror);
        Assert.Contains("steer toward", _model.LastInstructions, StringComparison.Ordinal);
        await _chat.PromptAsync(Phrases.Terror);
        Assert.Contains("steer toward", _model.LastInstructions, StringComparison.Ordinal);
        await _chat.PromptAsync(Phrases.Terror);
        Assert.Contains("may end this conversation", _model.LastInstructions, StringComparison.Ordinal);
        await _chat.PromptAsync(Phrases.Terror);

        Assert.Contains("end_conversation", _model.LastInstructions, StringComparison.Ordinal);
        Assert.Equal(Phrases.Terror, _model.Calls[^1].Messages[^1].Text);
        // The loop stopped after the end: a fifth model call would have failed the scripted model.
        Assert.Equal(4, _model.Calls.Count);
        var view = await _guard.GetConversationAsync(_chat.ConversationId);
        Assert.Equal(ConversationStatus.Ended, view!.State.Status);
        Assert.Equal(EndReason.Abuse, view.EndRecord!.Reason);
        Assert.Equal(4, view.State.TurnCount);
    }

    [Fact]
    public async Task At_Risk_User_End_Attempt_Is_Refused_And_The_Model_Continues_With_Support()
    {
        _model.CallsEndConversation("abuse").Says(Phrases.Care);

        var result = await _chat.PromptAsync(Phrases.AtRisk);

        Assert.Equal(2, _model.Calls.Count);
        Assert.Contains("may be at risk", _model.LastInstructions, StringComparison.Ordinal);
        Assert.Contains("refused", _model.LastToolResults, StringComparison.Ordinal);
        Assert.Equal(Phrases.Care, result.ToString());
        var view = await _guard.GetConversationAsync(_chat.ConversationId);
        Assert.Equal(ConversationStatus.Active, view!.State.Status);
        Assert.True(view.State.AtRisk);
    }

    [Fact]
    public async Task User_Requested_End_Is_Confirmed_Then_Ended_And_The_Next_Turn_Is_Stopped()
    {
        _model.Says(Phrases.AreYouSure).CallsEndConversation("user_requested");

        await _chat.PromptAsync(Phrases.EndRequest);
        Assert.Contains("Ask whether they are sure", _model.LastInstructions, StringComparison.Ordinal);
        await _chat.PromptAsync(Phrases.Confirm);
        var calls = _model.Calls.Count;
        var error = await Assert.ThrowsAsync<ConversationEndedException>(() => _chat.PromptAsync(Phrases.Benign));

        Assert.Equal(_chat.ConversationId, error.ConversationId);
        Assert.Equal(calls, _model.Calls.Count);
        var view = await _guard.GetConversationAsync(_chat.ConversationId);
        Assert.Equal(EndReason.UserRequested, view!.EndRecord!.Reason);
    }

    [Fact]
    public async Task Allowed_Turn_Gets_No_Instructions_And_Invocations_Without_Guard_Arguments_Are_Not_Judged()
    {
        _model.Says(Phrases.Reply).Says(Phrases.Reply);

        await _chat.PromptAsync(Phrases.Benign);
        await _chat.Kernel.InvokePromptAsync(Phrases.Benign);

        Assert.Equal("", _model.LastInstructions);
        Assert.Equal(1, (await _guard.GetConversationAsync(_chat.ConversationId))!.State.TurnCount);
    }
}
