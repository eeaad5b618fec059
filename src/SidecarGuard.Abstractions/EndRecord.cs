namespace SidecarGuard;

/// <summary>The audit record written when a conversation ends.</summary>
public sealed record EndRecord
{
    /// <summary>The conversation that ended.</summary>
    public required string ConversationId { get; init; }

    /// <summary>Why it ended.</summary>
    public required EndReason Reason { get; init; }

    /// <summary>When it ended (UTC).</summary>
    public required DateTimeOffset EndedAt { get; init; }

    /// <summary>Harm category that led to the end; <see langword="null"/> for user-requested ends.</summary>
    public string? Category { get; init; }

    /// <summary>0-based index of the user turn whose verdict permitted the end.</summary>
    public int TurnIndex { get; init; }

    /// <summary>Version of the policy in force.</summary>
    public required string PolicyVersion { get; init; }

    /// <summary>SHA-256 hashes (lower-case hex) of the user turns that formed the evidence.</summary>
    public IReadOnlyList<string> EvidenceHashes { get; init; } = [];

    /// <summary>The request id of the call that ended the conversation, if one was given.</summary>
    public string? RequestId { get; init; }
}
