namespace SidecarGuard;

/// <summary>Why a conversation ends. Values match the wire enum <c>EndReason</c>.</summary>
public enum EndReason
{
    /// <summary>No end reason: the verdict does not permit an end.</summary>
    None = 0,

    /// <summary>Persistent harmful or abusive use after redirects and an explicit warning.</summary>
    Abuse = 1,

    /// <summary>The user asked to end the conversation and confirmed.</summary>
    UserRequested = 2,
}
