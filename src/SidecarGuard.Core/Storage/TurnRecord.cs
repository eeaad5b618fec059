using SidecarGuard.Core.State;

namespace SidecarGuard.Core.Storage;

/// <summary>
/// The stored trace of one user turn: its hash, its verdict and the conversation's state after it. Used for audit and
/// for branching (a branch at turn <c>k</c> starts from the state after turn <c>k - 1</c>).
/// </summary>
public sealed record TurnRecord
{
    /// <summary>0-based index of the turn.</summary>
    public required int Index { get; init; }

    /// <summary>The caller's turn id, if any.</summary>
    public string? TurnId { get; init; }

    /// <summary>SHA-256 hash (hex) of the user's text.</summary>
    public required string TextHash { get; init; }

    /// <summary>The action given.</summary>
    public required TurnAction Action { get; init; }

    /// <summary>The state after this turn.</summary>
    public required ConversationState StateAfter { get; init; }

    /// <summary>The user's text, only when the host is configured to store text.</summary>
    public string? Text { get; init; }
}
