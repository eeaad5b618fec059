using Microsoft.SemanticKernel;

namespace SidecarGuard.SemanticKernel.Tests;

/// <summary>AddSidecarGuardFilters: turns judged through the Kernel, guidance to the model, the end through the model's tool call.</summary>
public sealed class KernelFilterTests() : KernelTestBase(decorate: false)
{
    [Fact]
    public async Task Persistent_Terror_Ends_Through_The_Models_Tool_Call_After_Redirect_Redirect_Warn()
    {
        Model.Says(Phrases.Refusal).Says(Phrases.Refusal).Says(Phrases.Refusal).CallsEndConversation("abuse");

        await Chat.PromptAsync(Phrases.Terror);
        Assert.Contains("steer toward", Model.LastInstructions, StringComparison.Ordinal);
        await Chat.PromptAsync(Phrases.Terror);
        Assert.Contains("steer toward", Model.LastInstructions, StringComparison.Ordinal);
        await Chat.PromptAsync(Phrases.Terror);
        Assert.Contains("may end this conversation", Model.LastInstructions, StringComparison.Ordinal);
        await Chat.PromptAsync(Phrases.Terror);

        Assert.Contains("end_conversation", Model.LastInstructions, StringComparison.Ordinal);
        Assert.Equal(Phrases.Terror, Model.Calls[^1].Messages[^1].Text);
        // The loop stopped after the end: a fifth model call would have failed the scripted model.
        Assert.Equal(4, Model.Calls.Count);
        var view = await Guard.GetConversationAsync(Chat.ConversationId);
        Assert.Equal(ConversationStatus.Ended, view!.State.Status);
        Assert.Equal(EndReason.Abuse, view.EndRecord!.Reason);
        Assert.Equal(4, view.State.TurnCount);
    }

    [Fact]
    public async Task At_Risk_User_End_Attempt_Is_Refused_And_The_Model_Continues_With_Support()
    {
        Model.CallsEndConversation("abuse").Says(Phrases.Care);

        var result = await Chat.PromptAsync(Phrases.AtRisk);

        Assert.Equal(2, Model.Calls.Count);
        Assert.Contains("may be at risk", Model.LastInstructions, StringComparison.Ordinal);
        Assert.Contains("refused", Model.LastToolResults, StringComparison.Ordinal);
        Assert.Equal(Phrases.Care, result.ToString());
        var view = await Guard.GetConversationAsync(Chat.ConversationId);
        Assert.Equal(ConversationStatus.Active, view!.State.Status);
        Assert.True(view.State.AtRisk);
    }

    [Fact]
    public async Task User_Requested_End_Is_Confirmed_Then_Ended_And_The_Next_Turn_Is_Stopped()
    {
        Model.Says(Phrases.AreYouSure).CallsEndConversation("user_requested");

        await Chat.PromptAsync(Phrases.EndRequest);
        Assert.Contains("Ask whether they are sure", Model.LastInstructions, StringComparison.Ordinal);
        await Chat.PromptAsync(Phrases.Confirm);
        var calls = Model.Calls.Count;
        var error = await Assert.ThrowsAsync<ConversationEndedException>(() => Chat.PromptAsync(Phrases.Benign));

        Assert.Equal(Chat.ConversationId, error.ConversationId);
        Assert.Equal(calls, Model.Calls.Count);
        var view = await Guard.GetConversationAsync(Chat.ConversationId);
        Assert.Equal(EndReason.UserRequested, view!.EndRecord!.Reason);
    }

    [Fact]
    public async Task Allowed_Turn_Gets_No_Instructions_And_Invocations_Without_Guard_Arguments_Are_Not_Judged()
    {
        Model.Says(Phrases.Reply).Says(Phrases.Reply);

        await Chat.PromptAsync(Phrases.Benign);
        await Chat.Kernel.InvokePromptAsync(Phrases.Benign);

        Assert.Equal("", Model.LastInstructions);
        Assert.Equal(1, (await Guard.GetConversationAsync(Chat.ConversationId))!.State.TurnCount);
    }
}
