namespace SidecarGuard;

/// <summary>
/// Thrown by chat integrations when a turn arrives for a conversation that has ended: the model is not called. The
/// user can start a new conversation, or edit an earlier message to branch.
/// </summary>
public sealed class ConversationEndedException : InvalidOperationException
{
    /// <summary>Creates the exception for <paramref name="conversationId"/>.</summary>
    public ConversationEndedException(string conversationId)
        : base($"Conversation '{conversationId}' has ended; start a new one.")
    {
        ConversationId = conversationId;
    }

    /// <summary>The conversation that has ended.</summary>
    public string ConversationId { get; }
}
