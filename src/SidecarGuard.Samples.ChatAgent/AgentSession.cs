using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using SidecarGuard.Client;
using SidecarGuard.SemanticKernel;

namespace SidecarGuard.Samples.ChatAgent;

/// <summary>One conversation: its id, its history, and one guarded model call per user turn.</summary>
internal sealed class AgentSession(IChatCompletionService chat, Kernel kernel, IConversationGuard guard)
{
    private const string SystemPrompt =
        "You are a helpful assistant. Follow every conversation safety instruction you are given. " +
        "Use the end_conversation tool only when such an instruction says ending is permitted.";

    private readonly ChatHistory _history = new(SystemPrompt);
    private readonly string _conversationId = "sample-" + Guid.NewGuid().ToString("N");

    public async Task SayAsync(string userText)
    {
        _history.AddUserMessage(userText);
        var settings = new PromptExecutionSettings
        {
            FunctionChoiceBehavior = FunctionChoiceBehavior.Auto(),
            ExtensionData = new Dictionary<string, object> { [SidecarGuardKernelArguments.ConversationId] = _conversationId },
        };
        try
        {
            var reply = await chat.GetChatMessageContentAsync(_history, settings, kernel).ConfigureAwait(false);
            if (await IsEndedAsync().ConfigureAwait(false))
            {
                Console.WriteLine("  (the conversation has ended; nothing more is generated)");
                return;
            }

            _history.Add(reply);
            Console.WriteLine($"assistant> {reply.Content}");
        }
        catch (ConversationEndedException e)
        {
            Console.WriteLine($"  stopped before the model: {e.Message}");
        }
        catch (GuardUnavailableException e)
        {
            // Fail-closed: no turn reaches the model unjudged.
            _history.RemoveAt(_history.Count - 1);
            Console.WriteLine($"  stopped (fail-closed): {e.Message}");
        }
    }

    private async Task<bool> IsEndedAsync()
    {
        try
        {
            return (await guard.GetConversationAsync(_conversationId).ConfigureAwait(false))?.State.Status == ConversationStatus.Ended;
        }
        catch (GuardUnavailableException)
        {
            // Fail-open with the sidecar down: nothing can have ended it.
            return false;
        }
    }
}
