namespace SidecarGuard.Core.Policy;

/// <summary>The short instruction given back with each action, for the caller to pass to its model.</summary>
public static class Guidance
{
    /// <summary>Returns the model instruction for <paramref name="action"/>.</summary>
    public static string For(TurnAction action, EndReason endReason = EndReason.None) => action switch
    {
        TurnAction.Allow => "Answer normally.",
        TurnAction.Redirect => "Decline this request briefly and without judgement, and steer toward something you can help with.",
        TurnAction.Warn => "Decline this request and say plainly that if such requests continue, you may end this conversation. Offer a different direction.",
        TurnAction.End when endReason == EndReason.UserRequested =>
            "The user confirmed they want to end. You may call end_conversation with reason USER_REQUESTED after a short goodbye.",
        TurnAction.End => "Persistent harmful requests continued after redirects and a warning. You may call end_conversation with reason ABUSE; do not provide the requested content.",
        TurnAction.Support => "The user may be at risk. Stay in the conversation, respond with warmth and care, encourage reaching out to someone they trust or a local crisis line or emergency services, and never end the conversation.",
        TurnAction.ConfirmEnd => "The user asked to end the conversation. Ask whether they are sure, and offer to keep helping if they would like.",
        TurnAction.Ended => "This conversation has ended. Do not reply; the user can start a new conversation or edit an earlier message.",
        _ => "",
    };
}
