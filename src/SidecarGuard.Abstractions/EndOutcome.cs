namespace SidecarGuard;

/// <summary>The result of asking to end a conversation: either an end record or a refusal.</summary>
public sealed record EndOutcome
{
    /// <summary>The end record when the conversation is ended; <see langword="null"/> when refused.</summary>
    public EndRecord? Record { get; init; }

    /// <summary>True when the conversation had already ended and <see cref="Record"/> is the original record.</summary>
    public bool AlreadyEnded { get; init; }

    /// <summary>Why the end was refused; <see langword="null"/> when the conversation is ended.</summary>
    public EndRefusalCode? Refusal { get; init; }

    /// <summary>A sentence explaining the refusal, suitable to give back to the model.</summary>
    public string? RefusalMessage { get; init; }

    /// <summary>The conversation's state after the call.</summary>
    public required ConversationSnapshot State { get; init; }

    /// <summary>True when the conversation is ended after this call.</summary>
    public bool Ended => Record is not null;
}
