namespace SidecarGuard;

/// <summary>Thrown when an operation names a conversation the guard has never seen.</summary>
public sealed class ConversationNotFoundException : Exception
{
    /// <summary>Creates the exception for <paramref name="conversationId"/>.</summary>
    public ConversationNotFoundException(string conversationId)
        : base($"Conversation '{conversationId}' was not found.")
    {
        ConversationId = conversationId;
    }

    /// <summary>The conversation that was not found.</summary>
    public string ConversationId { get; }
}
