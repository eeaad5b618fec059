using Microsoft.SemanticKernel;

namespace SidecarGuard.SemanticKernel;

/// <summary>Reads the user turn the guard filters judge from an invocation's <see cref="KernelArguments"/>.</summary>
internal static class TurnArguments
{
    public static bool TryRead(KernelArguments arguments, out string conversationId, out TurnRequest request)
    {
        conversationId = Text(arguments, SidecarGuardKernelArguments.ConversationId) ?? "";
        var userText = Text(arguments, SidecarGuardKernelArguments.UserText);
        request = new TurnRequest(conversationId, userText ?? "")
        {
            PreviousAssistantText = Text(arguments, SidecarGuardKernelArguments.PreviousAssistantText),
        };
        return conversationId.Length > 0 && userText is not null;
    }

    private static string? Text(KernelArguments arguments, string key) =>
        arguments.TryGetValue(key, out var value) && value?.ToString() is { } text ? text : null;
}
