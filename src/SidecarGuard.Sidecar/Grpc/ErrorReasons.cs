using Google.Protobuf.Reflection;
using V1 = SidecarGuard.Contracts.V1;

namespace SidecarGuard.Sidecar.Grpc;

/// <summary>
/// The <c>google.rpc.ErrorInfo.reason</c> strings the contract defines (<c>sidecarguard.v1.ErrorReason</c>): the
/// enum value's proto name without its <c>ERROR_REASON_</c> prefix, so the proto stays the one list of them.
/// </summary>
internal static class ErrorReasons
{
    private const string Prefix = "ERROR_REASON_";

    private static readonly EnumDescriptor Descriptor = V1.GuardReflection.Descriptor.FindTypeByName<EnumDescriptor>("ErrorReason");

    /// <summary>The wire string of <paramref name="reason"/>, for example <c>AT_RISK_VETO</c>.</summary>
    public static string Of(V1.ErrorReason reason) => Descriptor.FindValueByNumber((int)reason).Name[Prefix.Length..];

    /// <summary>Whether <paramref name="reason"/> is one the contract defines.</summary>
    public static bool IsDefined(string reason) => Descriptor.FindValueByName(Prefix + reason) is { Number: > 0 };
}
