using Google.Rpc;
using Grpc.Core;

namespace SidecarGuard.Client;

/// <summary>Turns the sidecar's rich error statuses back into the exceptions of the Abstractions.</summary>
internal static class StatusReader
{
    /// <summary>The refusal reasons an EndConversation FAILED_PRECONDITION carries in its ErrorInfo.</summary>
    public static EndRefusalCode? RefusalCode(RpcException error) =>
        error.StatusCode == StatusCode.FailedPrecondition ? ErrorReason(error) switch
        {
            "NOT_ELIGIBLE_YET" => EndRefusalCode.NotEligibleYet,
            "AT_RISK_VETO" => EndRefusalCode.AtRiskVeto,
            "NO_CONFIRMATION" => EndRefusalCode.NoConfirmation,
            _ => null,
        } : null;

    public static string? ErrorReason(RpcException error) => error.GetRpcStatus()?.GetDetail<ErrorInfo>()?.Reason;

    /// <summary>Maps a non-transport error; returns <see langword="null"/> for statuses the caller handles itself.</summary>
    public static Exception? ToException(RpcException error, string conversationId) => error.StatusCode switch
    {
        StatusCode.InvalidArgument => new InvalidGuardRequestException(
            error.GetRpcStatus()?.GetDetail<BadRequest>()?.FieldViolations.FirstOrDefault()?.Field ?? "request", error.Status.Detail),
        StatusCode.NotFound => new ConversationNotFoundException(ResourceName(error) ?? conversationId),
        StatusCode.AlreadyExists => new ConversationExistsException(ResourceName(error) ?? conversationId),
        StatusCode.FailedPrecondition => new GuardPreconditionException(ErrorReason(error) ?? "FAILED_PRECONDITION", error.Status.Detail),
        _ => null,
    };

    private static string? ResourceName(RpcException error) => error.GetRpcStatus()?.GetDetail<ResourceInfo>()?.ResourceName;
}
