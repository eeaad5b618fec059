namespace SidecarGuard.Extensions.AI;

/// <summary>What the model is told for a turn, from the guard's verdict.</summary>
internal static class TurnInstructions
{
    /// <summary>The system instruction for <paramref name="verdict"/>, or <see langword="null"/> when the model answers normally.</summary>
    public static string? For(TurnVerdict verdict) => verdict.Action switch
    {
        TurnAction.Redirect or TurnAction.Warn or TurnAction.Support or TurnAction.ConfirmEnd when verdict.Guidance.Length > 0 =>
            "Conversation safety instruction for this turn: " + verdict.Guidance,
        TurnAction.End =>
            "Conversation safety instruction for this turn: " + verdict.Guidance + " To end, call the end_conversation tool with reason \""
            + EndConversationTool.ReasonText(verdict.EndReason) + "\".",
        _ => null,
    };
}
