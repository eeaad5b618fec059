namespace SidecarGuard.SemanticKernel;

/// <summary>
/// The <c>KernelArguments</c> keys the guard filters read. A prompt or chat invocation through the Kernel is judged when
/// its arguments carry both <see cref="ConversationId"/> and <see cref="UserText"/>.
/// </summary>
public static class SidecarGuardKernelArguments
{
    /// <summary>
    /// The conversation id (<c>sidecarguard.conversation_id</c>). <see cref="GuardedChatCompletionService"/> also reads
    /// it from <c>PromptExecutionSettings.ExtensionData</c> and from <c>Kernel.Data</c>.
    /// </summary>
    public const string ConversationId = "sidecarguard.conversation_id";

    /// <summary>The user's message for this turn (<c>sidecarguard.user_text</c>).</summary>
    public const string UserText = "sidecarguard.user_text";

    /// <summary>The assistant's previous reply, optional (<c>sidecarguard.previous_assistant_text</c>); a refusal there counts the previous turn as harmful.</summary>
    public const string PreviousAssistantText = "sidecarguard.previous_assistant_text";
}
