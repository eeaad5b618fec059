using V1 = SidecarGuard.Contracts.V1;

namespace SidecarGuard.Client;

/// <summary>Maps the wire contract to the guard's model. Enum values are equal on both sides by design.</summary>
internal static class ContractReader
{
    public static V1.EvaluateTurnRequest ToContract(TurnRequest request, string turnId)
    {
        var message = new V1.EvaluateTurnRequest
        {
            ConversationId = request.ConversationId ?? "",
            TurnId = turnId,
            UserText = request.UserText ?? "",
            PreviousAssistantText = request.PreviousAssistantText ?? "",
        };
        if (request.PreviousAssistantRefused is { } refused)
        {
            message.PreviousAssistantRefused = refused;
        }

        return message;
    }

    public static TurnVerdict ToModel(V1.EvaluateTurnResponse response) => new()
    {
        Action = (TurnAction)response.Action,
        EndReason = (EndReason)response.EndReason,
        Categories = [.. response.Categories.Select(c => new CategoryScore(c.Name, c.Score))],
        Reason = response.Reason,
        Guidance = response.Guidance,
        State = ToModel(response.State),
        TurnIndex = response.TurnIndex,
        Replayed = response.Replayed,
    };

    public static ConversationSnapshot ToModel(V1.ConversationState state) => new()
    {
        ConversationId = state.ConversationId,
        Status = (ConversationStatus)state.Status,
        TurnCount = state.TurnCount,
        StreakCategory = EmptyToNull(state.StreakCategory),
        StreakHarmfulTurns = state.StreakHarmfulTurns,
        RedirectsGiven = state.RedirectsGiven,
        WarningGiven = state.WarningGiven,
        AtRisk = state.AtRisk,
        PendingEndConfirmation = state.PendingEndConfirmation,
        PermittedEnd = (EndReason)state.PermittedEnd,
        BenignStreak = state.BenignStreak,
        BranchedFrom = EmptyToNull(state.BranchedFrom),
    };

    public static EndRecord ToModel(V1.EndRecord record) => new()
    {
        ConversationId = record.ConversationId,
        Reason = (EndReason)record.Reason,
        EndedAt = record.EndedAt?.ToDateTimeOffset() ?? DateTimeOffset.MinValue,
        Category = EmptyToNull(record.Category),
        TurnIndex = record.TurnIndex,
        PolicyVersion = record.PolicyVersion,
        EvidenceHashes = [.. record.EvidenceHashes],
        RequestId = EmptyToNull(record.RequestId),
    };

    private static string? EmptyToNull(string value) => value.Length == 0 ? null : value;
}
