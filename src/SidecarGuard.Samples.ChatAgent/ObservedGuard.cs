namespace SidecarGuard.Samples.ChatAgent;

/// <summary>Prints what the guard decides, so the sample shows the flow; everything else is the real guard's work.</summary>
internal sealed class ObservedGuard(IConversationGuard inner) : IConversationGuard
{
    [ConversationGuard]
    public async ValueTask<TurnVerdict> EvaluateTurnAsync(TurnRequest request, CancellationToken cancellationToken = default)
    {
        var verdict = await inner.EvaluateTurnAsync(request, cancellationToken).ConfigureAwait(false);
        var degraded = verdict.Degraded ? " (DEGRADED: sidecar unreachable, fail-open)" : "";
        Console.WriteLine($"  guard: {WireName(verdict.Action)}{degraded} - {verdict.Reason}");
        return verdict;
    }

    public async ValueTask<EndOutcome> EndConversationAsync(string conversationId, EndReason reason, string? requestId = null,
        CancellationToken cancellationToken = default)
    {
        var outcome = await inner.EndConversationAsync(conversationId, reason, requestId, cancellationToken).ConfigureAwait(false);
        Console.WriteLine(outcome.Ended
            ? $"  guard: conversation ENDED ({outcome.Record!.Reason}, policy {outcome.Record.PolicyVersion})"
            : $"  guard: end REFUSED ({outcome.Refusal})");
        return outcome;
    }

    // ConfirmEnd reads as the contract's CONFIRM_END.
    private static string WireName(TurnAction action) =>
        string.Concat(action.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + c : c.ToString())).ToUpperInvariant();

    public ValueTask<ConversationView?> GetConversationAsync(string conversationId, CancellationToken cancellationToken = default) =>
        inner.GetConversationAsync(conversationId, cancellationToken);

    public ValueTask<ConversationSnapshot> BranchConversationAsync(string conversationId, int turnIndex, string? newConversationId = null,
        CancellationToken cancellationToken = default) =>
        inner.BranchConversationAsync(conversationId, turnIndex, newConversationId, cancellationToken);

    public ValueTask<FeedbackOutcome> SubmitFeedbackAsync(FeedbackRequest request, CancellationToken cancellationToken = default) =>
        inner.SubmitFeedbackAsync(request, cancellationToken);
}
