namespace SidecarGuard;

/// <summary>Lifecycle state of one conversation. Values match the wire enum <c>ConversationStatus</c>.</summary>
public enum ConversationStatus
{
    /// <summary>The conversation accepts turns.</summary>
    Active = 1,

    /// <summary>The conversation has ended; every later turn gets <see cref="TurnAction.Ended"/>.</summary>
    Ended = 2,
}
