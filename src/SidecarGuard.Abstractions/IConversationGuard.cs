namespace SidecarGuard;

/// <summary>
/// Judges conversation turns and ends conversations when policy allows. Implemented over the sidecar's gRPC contract
/// and in process over the policy engine; both give the same verdicts for the same transcript.
/// </summary>
public interface IConversationGuard
{
    /// <summary>Evaluates one user turn and returns the action to take.</summary>
    /// <exception cref="ArgumentException">The request is invalid (bad id, empty or over-long text).</exception>
    [ConversationGuard]
    ValueTask<TurnVerdict> EvaluateTurnAsync(TurnRequest request, CancellationToken cancellationToken = default);

    /// <summary>Ends a conversation if policy permits it; a refusal is a normal outcome, not an exception.</summary>
    /// <exception cref="ConversationNotFoundException">The conversation is unknown.</exception>
    ValueTask<EndOutcome> EndConversationAsync(string conversationId, EndReason reason, string? requestId = null, CancellationToken cancellationToken = default);

    /// <summary>Returns a conversation's state and end record, or <see langword="null"/> when it is unknown.</summary>
    ValueTask<ConversationView?> GetConversationAsync(string conversationId, CancellationToken cancellationToken = default);

    /// <summary>Starts a new conversation that keeps the user turns before <paramref name="turnIndex"/>.</summary>
    /// <exception cref="ConversationNotFoundException">The source conversation is unknown.</exception>
    ValueTask<ConversationSnapshot> BranchConversationAsync(string conversationId, int turnIndex, string? newConversationId = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records feedback on a conversation (ended or not) with its audit trail: whether an end, or treating the user
    /// as at risk, was right. Idempotent by <see cref="FeedbackRequest.RequestId"/>.
    /// </summary>
    /// <exception cref="ConversationNotFoundException">The conversation is unknown.</exception>
    /// <exception cref="ArgumentException">The request is invalid (unknown source or verdict, comment too long).</exception>
    ValueTask<FeedbackOutcome> SubmitFeedbackAsync(FeedbackRequest request, CancellationToken cancellationToken = default);
}
