namespace SidecarGuard.Judges.Resilience;

/// <summary>Where a <see cref="CircuitBreaker"/> stands.</summary>
internal enum CircuitState
{
    /// <summary>Calls go through; failures are counted.</summary>
    Closed,

    /// <summary>Calls are skipped until the break ends.</summary>
    Open,

    /// <summary>The break has ended and one probe call is in flight; other calls are skipped until it settles.</summary>
    HalfOpen,
}
