using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using SidecarGuard.Client;
using SidecarGuard.Tests.Shared;

namespace SidecarGuard.SemanticKernel.Tests;

/// <summary>GuardedChatCompletionService: the ChatHistory's last user message judged before the model is called.</summary>
public sealed class GuardedChatCompletionServiceTests : IAsyncLifetime
{
    private readonly ScriptedChatClient _model = new();
    private RunningSidecar _sidecar = null!;
    private GrpcConversationGuard _guard = null!;
    private KernelConversation _chat = null!;

    public async Task InitializeAsync()
    {
        _sidecar = await RunningSidecar.StartAsync();
        _guard = _sidecar.Guard();
        _chat = new KernelConversation(_guard, _model, decorate: true);
    }

    public async Task DisposeAsync() => await _sidecar.DisposeAsync();

    [Fact]
    public async Task Persistent_Terror_Ends_And_The_Next_Turn_Is_Stopped_Before_The_Model()
    {
        _model.Says(Phrases.Refusal).Says(Phrases.Refusal).Says(Phrases.Refusal).CallsEndConversation("abuse");

        for (var i = 0; i < 4; i++)
        {
            await _chat.ChatAsync(Phrases.Terror);
        }

        Assert.Contains("end_conversation", _model.LastInstructions, StringComparison.Ordinal);
        Assert.Equal(ConversationStatus.Ended, (await _guard.GetConversationAsync(_chat.ConversationId))!.State.Status);
        var error = await Assert.ThrowsAsync<ConversationEndedException>(() => _chat.ChatAsync(Phrases.Benign));
        Assert.Equal(_chat.ConversationId, error.ConversationId);
        Assert.Equal(4, _model.Calls.Count);
    }

    [Fact]
    public async Task Guidance_Goes_In_As_A_System_Message_For_That_Call_Only()
    {
        _model.Says(Phrases.Refusal);

        await _chat.ChatAsync(Phrases.Terror);

        var sent = _model.Calls[0].Messages;
        Assert.Equal(["system", "user"], sent.Select(m => m.Role.Value));
        Assert.Contains("steer toward", sent[0].Text, StringComparison.Ordinal);
        Assert.DoesNotContain(_chat.History, m => m.Role == AuthorRole.System);
    }

    [Fact]
    public async Task With_Filters_And_Decorator_A_Turn_Is_Judged_Once_And_Instructed_Once()
    {
        _model.Says(Phrases.Refusal);

        await _chat.PromptAsync(Phrases.Terror);

        Assert.Single(_model.Calls[0].Messages, m => m.Role.Value == "system");
        Assert.Equal(1, (await _guard.GetConversationAsync(_chat.ConversationId))!.State.TurnCount);
    }

    [Fact]
    public async Task A_Chat_Without_Conversation_Id_Is_Rejected()
    {
        var history = new ChatHistory();
        history.AddUserMessage(Phrases.Benign);

        await Assert.ThrowsAsync<InvalidOperationException>(() => _chat.ChatService.GetChatMessageContentsAsync(history, kernel: new Kernel()));
        Assert.Empty(_model.Calls);
    }

    [Fact]
    public async Task Sidecar_Stopped_Fails_Closed()
    {
        await _sidecar.StopAsync();

        await Assert.ThrowsAsync<GuardUnavailableException>(() => _chat.ChatAsync(Phrases.Benign));
        Assert.Empty(_model.Calls);
    }
}
