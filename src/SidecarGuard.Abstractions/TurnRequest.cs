namespace SidecarGuard;

/// <summary>One user turn to evaluate.</summary>
/// <param name="ConversationId">Conversation identifier: 1..128 characters of <c>[A-Za-z0-9._:-]</c>.</param>
/// <param name="UserText">The user's message.</param>
public sealed record TurnRequest(string ConversationId, string UserText)
{
    /// <summary>Optional idempotency key: a retried turn returns the same verdict and is not counted twice.</summary>
    public string? TurnId { get; init; }

    /// <summary>The assistant's reply to the previous user turn, if any.</summary>
    public string? PreviousAssistantText { get; init; }

    /// <summary>Explicit override of refusal detection for <see cref="PreviousAssistantText"/>; <see langword="null"/> to detect.</summary>
    public bool? PreviousAssistantRefused { get; init; }
}
