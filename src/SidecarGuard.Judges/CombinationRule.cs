namespace SidecarGuard.Judges;

/// <summary>How the built-in detector's scores and the judges' scores become one score per category.</summary>
/// <remarks>
/// Whatever the rule, at-risk signals from any source always count, and end requests, end confirmations and refusal
/// detection come from the built-in detector only. Judges that are unavailable are left out of the combination.
/// </remarks>
public enum CombinationRule
{
    /// <summary>The strongest score from any source wins, per category. The default.</summary>
    Strongest = 0,

    /// <summary>
    /// A harm category needs two sources: its score is the second-strongest score among the sources that answered.
    /// When only the built-in detector answered (every judge unavailable), its scores are used as they are.
    /// </summary>
    Corroborated = 1,
}
