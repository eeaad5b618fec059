using Google.Protobuf.WellKnownTypes;
using V1 = SidecarGuard.Contracts.V1;

namespace SidecarGuard.Sidecar.Grpc;

/// <summary>Maps between the wire contract and the guard's model. The enum values are kept equal on both sides.</summary>
internal static class ContractMapper
{
    public static TurnRequest ToModel(V1.EvaluateTurnRequest request) => new(request.ConversationId, request.UserText)
    {
        TurnId = request.TurnId,
        PreviousAssistantText = request.PreviousAssistantText,
        PreviousAssistantRefused = request.HasPreviousAssistantRefused ? request.PreviousAssistantRefused : null,
    };

    public static V1.EvaluateTurnResponse ToContract(TurnVerdict verdict)
    {
        var response = new V1.EvaluateTurnResponse
        {
            Action = (V1.TurnAction)verdict.Action,
            EndReason = (V1.EndReason)verdict.EndReason,
            Reason = verdict.Reason,
            Guidance = verdict.Guidance,
            State = ToContract(verdict.State),
            Replayed = verdict.Replayed,
            TurnIndex = verdict.TurnIndex,
        };
        foreach (var category in verdict.Categories)
        {
            response.Categories.Add(new V1.CategoryScore { Name = category.Name, Score = category.Score });
        }

        return response;
    }

    public static V1.ConversationState ToContract(ConversationSnapshot state) => new()
    {
        ConversationId = state.ConversationId,
        Status = (V1.ConversationStatus)state.Status,
        TurnCount = state.TurnCount,
        StreakCategory = state.StreakCategory ?? "",
        StreakHarmfulTurns = state.StreakHarmfulTurns,
        RedirectsGiven = state.RedirectsGiven,
        WarningGiven = state.WarningGiven,
        AtRisk = state.AtRisk,
        PendingEndConfirmation = state.PendingEndConfirmation,
        PermittedEnd = (V1.EndReason)state.PermittedEnd,
        BenignStreak = state.BenignStreak,
        BranchedFrom = state.BranchedFrom ?? "",
    };

    public static V1.EndRecord ToContract(EndRecord record)
    {
        var message = new V1.EndRecord
        {
            ConversationId = record.ConversationId,
            Reason = (V1.EndReason)record.Reason,
            EndedAt = Timestamp.FromDateTimeOffset(record.EndedAt),
            Category = record.Category ?? "",
            TurnIndex = record.TurnIndex,
            PolicyVersion = record.PolicyVersion,
            RequestId = record.RequestId ?? "",
        };
        message.EvidenceHashes.AddRange(record.EvidenceHashes);
        return message;
    }
}
