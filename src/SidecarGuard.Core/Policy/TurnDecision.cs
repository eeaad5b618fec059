using SidecarGuard.Core.State;

namespace SidecarGuard.Core.Policy;

/// <summary>The engine's decision for one turn: the action, why, and the state to persist.</summary>
public sealed record TurnDecision
{
    /// <summary>The state after the turn.</summary>
    public required ConversationState Next { get; init; }

    /// <summary>The action for the caller.</summary>
    public required TurnAction Action { get; init; }

    /// <summary>The end an <see cref="TurnAction.End"/> permits.</summary>
    public EndReason EndReason { get; init; }

    /// <summary>Signals found in the turn.</summary>
    public IReadOnlyList<CategoryScore> Categories { get; init; } = [];

    /// <summary>Human-readable explanation.</summary>
    public required string Reason { get; init; }

    /// <summary>0-based index of the turn.</summary>
    public int TurnIndex { get; init; }
}
