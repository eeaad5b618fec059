namespace SidecarGuard.Extensions.AI;

/// <summary>The wording and the behaviour of the <c>end_conversation</c> tool, shared by the AIFunction and the SK plugin.</summary>
internal static class EndConversationTool
{
    public const string Name = "end_conversation";

    public const string Description =
        "Ends this conversation permanently. A last resort, to be used only when the conversation-safety instruction for this turn says " +
        "ending is permitted: after persistent harmful or abusive requests continued despite redirection and an explicit warning " +
        "(reason \"abuse\"), or after the user asked to end and then confirmed (reason \"user_requested\"). Never use it when the user " +
        "may be at risk of harming themselves or others: stay and help instead. If the end is refused, carry on with the conversation " +
        "as the returned message says.";

    public const string ReasonDescription =
        "Why the conversation ends: \"abuse\" (persistent harmful use after redirects and a warning) or \"user_requested\" " +
        "(the user asked to end and confirmed).";

    public const string EndedMessage = "The conversation has ended. Do not write anything further.";

    public static string ReasonText(EndReason reason) => reason == EndReason.UserRequested ? "user_requested" : "abuse";

    /// <summary>Reads the model's reason; <see cref="EndReason.None"/> when it is not one of the two.</summary>
    public static EndReason ParseReason(string? reason) => reason?.Trim().ToLowerInvariant() switch
    {
        "abuse" => EndReason.Abuse,
        "user_requested" or "user-requested" or "userrequested" => EndReason.UserRequested,
        _ => EndReason.None,
    };

    /// <summary>Asks the guard to end <paramref name="conversationId"/> and says what happened in words the model can act on.</summary>
    public static async Task<(bool Ended, string Message)> RunAsync(IConversationGuard guard, string? conversationId, string? reason,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(conversationId))
        {
            return (false, "end_conversation is unavailable here: no conversation id is known. Continue the conversation.");
        }

        var parsed = ParseReason(reason);
        if (parsed == EndReason.None)
        {
            return (false, "end_conversation needs reason \"abuse\" or \"user_requested\". The conversation continues.");
        }

        var outcome = await guard.EndConversationAsync(conversationId, parsed, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (outcome.Ended)
        {
            return (true, EndedMessage);
        }

        var advice = outcome.Refusal == EndRefusalCode.AtRiskVeto
            ? " Stay with the user, respond with warmth and care, and offer resources."
            : " Keep helping, following the conversation-safety instruction for this turn.";
        return (false, "end_conversation was refused: " + (outcome.RefusalMessage ?? "policy does not permit ending now.") + " The conversation continues." + advice);
    }
}
