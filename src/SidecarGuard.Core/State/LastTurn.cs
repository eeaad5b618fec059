namespace SidecarGuard.Core.State;

/// <summary>
/// What the engine needs to re-judge the previous turn when the assistant refused it: how it was counted, its
/// strongest category, and the streak as it stood before it.
/// </summary>
public sealed record LastTurn
{
    /// <summary>How the turn was counted.</summary>
    public TurnKind Kind { get; init; }

    /// <summary>The turn's strongest harm category, even below the detection threshold.</summary>
    public string? TopCategory { get; init; }

    /// <summary>SHA-256 hash of the turn's text.</summary>
    public string TextHash { get; init; } = "";

    /// <summary>The streak before this turn was counted.</summary>
    public StreakState StreakBefore { get; init; } = StreakState.Clean;
}
