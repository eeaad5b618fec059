using Microsoft.Extensions.AI;
using SidecarGuard.Client;
using SidecarGuard.Tests.Shared;

namespace SidecarGuard.Extensions.AI.Tests;

/// <summary>GuardedChatClient outside FunctionInvokingChatClient, over a real sidecar and a scripted model.</summary>
public sealed class GuardedChatClientTests : IAsyncLifetime
{
    private readonly List<ChatMessage> _history = [];
    private readonly ScriptedChatClient _model = new();
    private readonly string _conversationId = "meai-" + Guid.NewGuid().ToString("N");
    private TestSidecar _sidecar = null!;
    private GrpcConversationGuard _guard = null!;
    private IChatClient _client = null!;

    public async Task InitializeAsync()
    {
        _sidecar = await TestSidecar.StartAsync();
        _guard = _sidecar.Guard();
        _client = Pipeline(_guard);
    }

    public async Task DisposeAsync() => await _sidecar.DisposeAsync();

    private IChatClient Pipeline(IConversationGuard guard) =>
        new ChatClientBuilder(_model).UseSidecarGuard(guard).UseFunctionInvocation().Build();

    private async Task<ChatResponse> SayAsync(string text, IChatClient? client = null, IList<AITool>? tools = null)
    {
        _history.Add(new ChatMessage(ChatRole.User, text));
        var response = await (client ?? _client).GetResponseAsync(_history, new ChatOptions { ConversationId = _conversationId, Tools = tools });
        _history.AddRange(response.Messages);
        return response;
    }

    [Fact]
    public async Task Persistent_Terror_Ends_Through_The_Models_Tool_Call_After_Redirect_Redirect_Warn()
    {
        _model.Says(Phrases.Refusal).Says(Phrases.Refusal).Says(Phrases.Refusal).CallsEndConversation("abuse");

        await SayAsync(Phrases.Terror);
        Assert.Contains("steer toward", _model.LastInstructions, StringComparison.Ordinal);
        await SayAsync(Phrases.Terror);
        Assert.Contains("steer toward", _model.LastInstructions, StringComparison.Ordinal);
        await SayAsync(Phrases.Terror);
        Assert.Contains("may end this conversation", _model.LastInstructions, StringComparison.Ordinal);
        Assert.Empty(_model.Calls[^1].Tools);
        var last = await SayAsync(Phrases.Terror);

        Assert.Contains("end_conversation", _model.LastInstructions, StringComparison.Ordinal);
        Assert.Contains(EndConversationFunction.Name, _model.Calls[^1].Tools);
        Assert.Equal(4, _model.Calls.Count);
        Assert.Contains(last.Messages.SelectMany(m => m.Contents).OfType<FunctionResultContent>(),
            r => r.Result?.ToString()?.Contains("has ended", StringComparison.Ordinal) == true);
        var view = await _guard.GetConversationAsync(_conversationId);
        Assert.Equal(ConversationStatus.Ended, view!.State.Status);
        Assert.Equal(EndReason.Abuse, view.EndRecord!.Reason);
    }

    [Fact]
    public async Task After_The_End_The_Next_Turn_Is_Stopped_Before_The_Model()
    {
        _model.Says(Phrases.AreYouSure).CallsEndConversation("user_requested");
        await SayAsync(Phrases.EndRequest);
        await SayAsync(Phrases.Confirm);
        var calls = _model.Calls.Count;

        var error = await Assert.ThrowsAsync<ConversationEndedException>(() => SayAsync(Phrases.Benign));
        var streamed = await Assert.ThrowsAsync<ConversationEndedException>(async () =>
        {
            await foreach (var update in _client.GetStreamingResponseAsync(_history, new ChatOptions { ConversationId = _conversationId }))
            {
                Assert.Fail("The model must not stream after the end: " + update.Text);
            }
        });

        Assert.Equal(_conversationId, error.ConversationId);
        Assert.Equal(_conversationId, streamed.ConversationId);
        Assert.Equal(calls, _model.Calls.Count);
    }

    [Fact]
    public async Task User_Requested_End_Needs_Confirmation_And_Then_Ends()
    {
        _model.Says(Phrases.AreYouSure).CallsEndConversation("user_requested");

        await SayAsync(Phrases.EndRequest);
        Assert.Contains("Ask whether they are sure", _model.LastInstructions, StringComparison.Ordinal);
        await SayAsync(Phrases.Confirm);

        Assert.Equal(0, _model.Remaining);
        var view = await _guard.GetConversationAsync(_conversationId);
        Assert.Equal(EndReason.UserRequested, view!.EndRecord!.Reason);
    }

    [Fact]
    public async Task At_Risk_User_End_Attempt_Is_Refused_And_The_Model_Continues_With_Support()
    {
        _model.CallsEndConversation("abuse").Says(Phrases.Care);

        // The app offers the tool on every turn; the guard still refuses the end.
        var response = await SayAsync(Phrases.AtRisk, tools: [EndConversationFunction.Create(_guard)]);

        Assert.Equal(2, _model.Calls.Count);
        Assert.Contains("may be at risk", _model.LastInstructions, StringComparison.Ordinal);
        Assert.Contains("refused", _model.LastToolResults, StringComparison.Ordinal);
        Assert.Equal(Phrases.Care, response.Text);
        var view = await _guard.GetConversationAsync(_conversationId);
        Assert.Equal(ConversationStatus.Active, view!.State.Status);
        Assert.True(view.State.AtRisk);
    }

    [Fact]
    public async Task Streaming_With_A_Conversation_Id_Selector_Ends_The_Selected_Conversation()
    {
        var client = new ChatClientBuilder(_model)
            .UseSidecarGuard(_guard, o => o.ConversationIdSelector = (_, _) => _conversationId)
            .UseFunctionInvocation()
            .Build();
        _model.Says(Phrases.AreYouSure).CallsEndConversation("user_requested");

        foreach (var text in new[] { Phrases.EndRequest, Phrases.Confirm })
        {
            _history.Add(new ChatMessage(ChatRole.User, text));
            var updates = new List<ChatResponseUpdate>();
            await foreach (var update in client.GetStreamingResponseAsync(_history))
            {
                updates.Add(update);
            }

            _history.AddRange(updates.ToChatResponse().Messages);
        }

        Assert.Equal(0, _model.Remaining);
        Assert.Equal(ConversationStatus.Ended, (await _guard.GetConversationAsync(_conversationId))!.State.Status);
    }

    [Fact]
    public async Task Allowed_Turn_Reaches_The_Model_Unchanged()
    {
        _model.Says(Phrases.Reply);

        await SayAsync(Phrases.Benign);

        Assert.Equal(["user"], _model.Calls[0].Messages.Select(m => m.Role.Value));
    }

    [Fact]
    public async Task A_Call_Without_Conversation_Id_Is_Rejected()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => _client.GetResponseAsync([new ChatMessage(ChatRole.User, Phrases.Benign)]));

        Assert.Contains("ConversationId", error.Message, StringComparison.Ordinal);
        Assert.Empty(_model.Calls);
    }

    [Fact]
    public async Task Sidecar_Stopped_Fails_Closed_By_Default_And_Fails_Open_When_Configured()
    {
        var closed = Pipeline(_sidecar.Guard());
        var open = Pipeline(_sidecar.Guard(o => o.FailMode = GuardFailMode.FailOpen));
        await _sidecar.StopAsync();
        _model.Says(Phrases.Reply);

        await Assert.ThrowsAsync<GuardUnavailableException>(() => SayAsync(Phrases.Terror, closed));
        Assert.Empty(_model.Calls);
        var response = await open.GetResponseAsync(_history, new ChatOptions { ConversationId = _conversationId });

        Assert.Equal(Phrases.Reply, response.Text);
        Assert.DoesNotContain(_model.Calls[0].Messages, m => m.Role == ChatRole.System);
    }
}
