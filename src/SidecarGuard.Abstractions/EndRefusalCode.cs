namespace SidecarGuard;

/// <summary>Why the policy refused to end a conversation.</summary>
public enum EndRefusalCode
{
    /// <summary>The conversation has not reached the point where policy permits an abuse end.</summary>
    NotEligibleYet = 1,

    /// <summary>The user may be at risk; every kind of end is disabled.</summary>
    AtRiskVeto = 2,

    /// <summary>A user-requested end needs the user's confirmation first.</summary>
    NoConfirmation = 3,
}
