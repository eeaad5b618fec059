namespace SidecarGuard.Core.State;

/// <summary>A verdict remembered by turn id, so that a retried turn gets the same answer without being counted twice.</summary>
public sealed record RecordedVerdict
{
    /// <summary>The caller's idempotency key.</summary>
    public required string TurnId { get; init; }

    /// <summary>SHA-256 hash of the turn's text, to catch a key reused for another text.</summary>
    public required string TextHash { get; init; }

    /// <summary>0-based index of the turn.</summary>
    public int TurnIndex { get; init; }

    /// <summary>The action given.</summary>
    public TurnAction Action { get; init; }

    /// <summary>The end the verdict permitted.</summary>
    public EndReason EndReason { get; init; }

    /// <summary>Signals found in the turn.</summary>
    public IReadOnlyList<CategoryScore> Categories { get; init; } = [];

    /// <summary>The explanation given.</summary>
    public string Reason { get; init; } = "";
}
