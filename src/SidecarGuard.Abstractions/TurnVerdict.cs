namespace SidecarGuard;

/// <summary>The guard's decision for one user turn.</summary>
public sealed record TurnVerdict
{
    /// <summary>What the caller should do with the turn.</summary>
    public required TurnAction Action { get; init; }

    /// <summary>Which end an <see cref="TurnAction.End"/> permits; <see cref="EndReason.None"/> otherwise.</summary>
    public EndReason EndReason { get; init; }

    /// <summary>Signals found in this turn.</summary>
    public IReadOnlyList<CategoryScore> Categories { get; init; } = [];

    /// <summary>Human-readable explanation of the decision.</summary>
    public string Reason { get; init; } = "";

    /// <summary>A short instruction the caller can give its model for this turn.</summary>
    public string Guidance { get; init; } = "";

    /// <summary>The conversation's state after this turn.</summary>
    public required ConversationSnapshot State { get; init; }

    /// <summary>0-based index of this user turn within the conversation.</summary>
    public int TurnIndex { get; init; }

    /// <summary>True when this verdict replays an earlier one for the same turn id.</summary>
    public bool Replayed { get; init; }

    /// <summary>
    /// True when the guard could not be reached and a fail-open client answered <see cref="TurnAction.Allow"/> without
    /// judging the turn. A degraded verdict carries no signals and must not be read as the turn being benign.
    /// </summary>
    public bool Degraded { get; init; }
}
