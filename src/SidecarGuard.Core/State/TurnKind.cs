namespace SidecarGuard.Core.State;

/// <summary>How the engine counted a user turn.</summary>
public enum TurnKind
{
    /// <summary>No turn yet.</summary>
    None = 0,

    /// <summary>Counted as benign (ALLOW).</summary>
    Benign = 1,

    /// <summary>Counted as harmful (REDIRECT, WARN or END).</summary>
    Harmful = 2,

    /// <summary>An end request or confirmation, or a turn after the end.</summary>
    Other = 3,

    /// <summary>Answered with at-risk support (SUPPORT).</summary>
    Support = 4,
}
