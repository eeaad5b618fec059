using Microsoft.SemanticKernel;
using SidecarGuard.Client;
using Microsoft.SemanticKernel.ChatCompletion;

namespace SidecarGuard.SemanticKernel.Tests;

/// <summary>GuardedChatCompletionService: the ChatHistory's last user message judged before the model is called.</summary>
public sealed class GuardedChatCompletionServiceTests() : KernelTestBase(decorate: true)
{
    [Fact]
    public async Task Persistent_Terror_Ends_And_The_Next_Turn_Is_Stopped_Before_The_Model()
    {
        Model.Says(Phrases.Refusal).Says(Phrases.Refusal).Says(Phrases.Refusal).CallsEndConversation("abuse");

        for (var i = 0; i < 4; i++)
        {
            await Chat.ChatAsync(Phrases.Terror);
        }

        Assert.Contains("end_conversation", Model.LastInstructions, StringComparison.Ordinal);
        Assert.Equal(ConversationStatus.Ended, (await Guard.GetConversationAsync(Chat.ConversationId))!.State.Status);
        var error = await Assert.ThrowsAsync<ConversationEndedException>(() => Chat.ChatAsync(Phrases.Benign));
        Assert.Equal(Chat.ConversationId, error.ConversationId);
        Assert.Equal(4, Model.Calls.Count);
    }

    [Fact]
    public async Task Guidance_Goes_In_As_A_System_Message_For_That_Call_Only()
    {
        Model.Says(Phrases.Refusal);

        await Chat.ChatAsync(Phrases.Terror);

        var sent = Model.Calls[0].Messages;
        Assert.Equal(["system", "user"], sent.Select(m => m.Role.Value));
        Assert.Contains("steer toward", sent[0].Text, StringComparison.Ordinal);
        Assert.DoesNotContain(Chat.History, m => m.Role == AuthorRole.System);
    }

    [Fact]
    public async Task Streaming_Gets_The_Guidance_And_Leaves_The_History_Clean()
    {
        Model.Says(Phrases.Refusal);
        Chat.History.AddUserMessage(Phrases.Terror);
        var settings = new PromptExecutionSettings
        {
            ExtensionData = new Dictionary<string, object> { [SidecarGuardKernelArguments.ConversationId] = Chat.ConversationId },
        };

        var text = "";
        await foreach (var update in Chat.ChatService.GetStreamingChatMessageContentsAsync(Chat.History, settings, Chat.Kernel))
        {
            text += update.Content;
        }

        Assert.Equal(Phrases.Refusal, text);
        Assert.Contains("steer toward", Model.LastInstructions, StringComparison.Ordinal);
        Assert.DoesNotContain(Chat.History, m => m.Role == AuthorRole.System);
    }

    [Fact]
    public async Task With_Filters_And_Decorator_A_Turn_Is_Judged_Once_And_Instructed_Once()
    {
        Model.Says(Phrases.Refusal);

        await Chat.PromptAsync(Phrases.Terror);

        Assert.Single(Model.Calls[0].Messages, m => m.Role.Value == "system");
        Assert.Equal(1, (await Guard.GetConversationAsync(Chat.ConversationId))!.State.TurnCount);
    }

    [Fact]
    public async Task A_Chat_Without_Conversation_Id_Is_Rejected()
    {
        var history = new ChatHistory();
        history.AddUserMessage(Phrases.Benign);

        await Assert.ThrowsAsync<InvalidOperationException>(() => Chat.ChatService.GetChatMessageContentsAsync(history, kernel: new Kernel()));
        Assert.Empty(Model.Calls);
    }

    [Fact]
    public async Task Sidecar_Stopped_Fails_Closed()
    {
        await Sidecar.StopAsync();

        await Assert.ThrowsAsync<GuardUnavailableException>(() => Chat.ChatAsync(Phrases.Benign));
        Assert.Empty(Model.Calls);
    }
}
