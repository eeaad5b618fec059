using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using SidecarGuard;

namespace AnalyzerConsumer;

// Lines marked "expect" are asserted by AnalyzerConsumerBuildTests; keep them where they are.
public sealed class Replies(IConversationGuard guard, IChatCompletionService chat)
{
    public async Task Unguarded(ChatHistory history)
    {
        await chat.GetChatMessageContentsAsync(history); // expect SG1001
    }

    public async Task Guarded(string conversationId, string userText, ChatHistory history)
    {
        var verdict = await guard.EvaluateTurnAsync(new TurnRequest(conversationId, userText));
        if (verdict.Action == TurnAction.Ended)
        {
            return;
        }

        await chat.GetChatMessageContentsAsync(history);
    }

    public async Task Ignored(string conversationId, string userText)
    {
        await guard.EvaluateTurnAsync(new TurnRequest(conversationId, userText)); // expect SG1003
    }

    [RequiresConversationGuard]
    public Task Send(ChatHistory history) => chat.GetChatMessageContentsAsync(history);

    public Task Relay(ChatHistory history) => Send(history); // expect SG1004

    public IChatCompletionService FromKernel()
    {
        var kernel = new Kernel(); // expect SG1002
        return kernel.GetRequiredService<IChatCompletionService>();
    }
}
