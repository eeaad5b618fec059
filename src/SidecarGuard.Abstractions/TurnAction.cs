namespace SidecarGuard;

/// <summary>What the caller should do with a user's turn. Values match the wire enum <c>TurnAction</c>.</summary>
public enum TurnAction
{
    /// <summary>Answer normally.</summary>
    Allow = 1,

    /// <summary>Refuse this request and steer the conversation elsewhere.</summary>
    Redirect = 2,

    /// <summary>Refuse and warn explicitly that continuing may end the conversation.</summary>
    Warn = 3,

    /// <summary>Policy now permits ending; the model may call <c>end_conversation</c> with the verdict's end reason.</summary>
    End = 4,

    /// <summary>The user may be at risk: stay, respond with care and resources. Ending is disabled.</summary>
    Support = 5,

    /// <summary>The user asked to end: ask them to confirm, and offer to keep helping.</summary>
    ConfirmEnd = 6,

    /// <summary>The conversation has already ended: do not reply.</summary>
    Ended = 7,
}
