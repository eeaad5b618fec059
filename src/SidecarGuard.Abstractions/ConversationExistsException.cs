namespace SidecarGuard;

/// <summary>Thrown when a new conversation would take an id that is already in use.</summary>
public sealed class ConversationExistsException : Exception
{
    /// <summary>Creates the exception for <paramref name="conversationId"/>.</summary>
    public ConversationExistsException(string conversationId)
        : base($"Conversation '{conversationId}' already exists; choose another new_conversation_id or leave it empty.")
    {
        ConversationId = conversationId;
    }

    /// <summary>The id that is taken.</summary>
    public string ConversationId { get; }
}
