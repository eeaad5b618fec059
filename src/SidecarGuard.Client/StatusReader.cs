using Google.Rpc;
using Google.Protobuf.Reflection;
using Grpc.Core;
using V1 = SidecarGuard.Contracts.V1;

namespace SidecarGuard.Client;

/// <summary>Turns the sidecar's rich error statuses back into the exceptions of the Abstractions.</summary>
internal static class StatusReader
{
    private static readonly EnumDescriptor Reasons = V1.GuardReflection.Descriptor.FindTypeByName<EnumDescriptor>("ErrorReason");

    /// <summary>The refusal reasons an EndConversation FAILED_PRECONDITION carries in its ErrorInfo.</summary>
    public static EndRefusalCode? RefusalCode(RpcException error) =>
        error.StatusCode == StatusCode.FailedPrecondition ? ContractReason(ErrorReason(error)) switch
        {
            V1.ErrorReason.NotEligibleYet => EndRefusalCode.NotEligibleYet,
            V1.ErrorReason.AtRiskVeto => EndRefusalCode.AtRiskVeto,
            V1.ErrorReason.NoConfirmation => EndRefusalCode.NoConfirmation,
            _ => null,
        } : null;

    /// <summary>The contract's <c>ErrorReason</c> for a wire reason ("AT_RISK_VETO" is ERROR_REASON_AT_RISK_VETO).</summary>
    public static V1.ErrorReason ContractReason(string? reason) =>
        reason is not null && Reasons.FindValueByName("ERROR_REASON_" + reason) is { } value
            ? (V1.ErrorReason)value.Number
            : V1.ErrorReason.Unspecified;

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
