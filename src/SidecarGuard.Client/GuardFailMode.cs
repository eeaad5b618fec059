namespace SidecarGuard.Client;

/// <summary>What <see cref="GrpcConversationGuard"/> does with a turn when the sidecar cannot be reached.</summary>
public enum GuardFailMode
{
    /// <summary>
    /// Throw <see cref="GuardUnavailableException"/>: no turn reaches the model unjudged. The default, and the right
    /// choice when the guard is part of a safety case.
    /// </summary>
    FailClosed = 0,

    /// <summary>
    /// Answer <see cref="TurnAction.Allow"/> with <see cref="TurnVerdict.Degraded"/> set, log a warning and count the
    /// event in the <c>sidecarguard.client.degraded_verdicts</c> counter. Chat keeps working while the sidecar is down,
    /// but those turns are neither judged nor counted toward any streak.
    /// </summary>
    FailOpen = 1,
}
