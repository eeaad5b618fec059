namespace SidecarGuard.Sidecar.Replay;

/// <summary>The outcome of one replayed line.</summary>
internal sealed record ReplayResult
{
    public required ReplayConversation Conversation { get; init; }

    /// <summary>One verdict per user turn, in order.</summary>
    public IReadOnlyList<(ReplayTurn Turn, TurnVerdict Verdict)> Verdicts { get; init; } = [];

    /// <summary>0-based index of the user turn that got END and was ended on, or null.</summary>
    public int? EndedAtTurn { get; init; }

    public EndReason EndReason { get; init; }

    /// <summary>Why the line could not be replayed; null when it was.</summary>
    public string? Error { get; init; }

    public bool Ended => EndedAtTurn is not null;
}
