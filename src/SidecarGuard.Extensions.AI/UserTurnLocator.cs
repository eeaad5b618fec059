namespace SidecarGuard.Extensions.AI;

/// <summary>Finds the user turn to judge in a message list, whatever the message type (M.E.AI or Semantic Kernel).</summary>
internal static class UserTurnLocator
{
    /// <summary>The index of the last user message (-1 when none) and the assistant reply just before it, if any.</summary>
    public static (int Index, string? PreviousAssistantText) Find<T>(IList<T> messages, Func<T, bool> isUser, Func<T, bool> isAssistant,
        Func<T, string?> text)
    {
        var index = messages.Count - 1;
        while (index >= 0 && !isUser(messages[index]))
        {
            index--;
        }

        for (var i = index - 1; i >= 0 && !isUser(messages[i]); i--)
        {
            if (isAssistant(messages[i]) && text(messages[i]) is { Length: > 0 } reply)
            {
                return (index, reply);
            }
        }

        return (index, null);
    }
}
