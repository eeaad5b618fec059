using V1 = SidecarGuard.Contracts.V1;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using SidecarGuard.Sidecar.Grpc;

namespace SidecarGuard.Sidecar.Tenancy;

/// <summary>Where a caller's API key travels: <c>authorization: Bearer KEY</c>, else <c>x-api-key: KEY</c>.</summary>
internal static class ApiKeyHeaders
{
    /// <summary>The key named by the headers <paramref name="header"/> returns, or <see langword="null"/> when there is none.</summary>
    public static string? KeyOf(Func<string, string?> header)
    {
        if (header("authorization") is { } authorization
            && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            && authorization[7..].Trim() is { Length: > 0 } bearer)
        {
            return bearer;
        }

        return header("x-api-key") is { } apiKey && apiKey.Trim() is { Length: > 0 } trimmed ? trimmed : null;
    }

    /// <summary>
    /// The UNAUTHENTICATED status for a request without a key <paramref name="directory"/> knows, or
    /// <see langword="null"/> when its key is known. The gates ask this before reading a body, so a caller without a
    /// valid key costs no buffering; the interceptor then authorizes fully (read-only keys, rate limits).
    /// </summary>
    public static Google.Rpc.Status? Refusal(TenantDirectory directory, IHeaderDictionary headers) =>
        Identify(directory, KeyOf(name => headers.TryGetValue(name, out var value) ? value.ToString() : null), out _);

    /// <summary>
    /// The caller <paramref name="key"/> belongs to, in <paramref name="caller"/>; or, when there is none, the
    /// UNAUTHENTICATED status to answer (API_KEY_MISSING or API_KEY_INVALID).
    /// </summary>
    public static Google.Rpc.Status? Identify(TenantDirectory directory, string? key, out TenantDirectory.Caller? caller)
    {
        caller = key is null ? null : directory.Find(ApiKeyHash.Of(key));
        return caller is not null ? null
            : key is null ? Unauthenticated("An API key is required: send 'authorization: Bearer KEY' or 'x-api-key: KEY'.", ErrorReasons.Of(V1.ErrorReason.ApiKeyMissing))
            : Unauthenticated("The API key is not valid.", ErrorReasons.Of(V1.ErrorReason.ApiKeyInvalid));
    }

    private static Google.Rpc.Status Unauthenticated(string message, string reason) => new()
    {
        Code = (int)Code.Unauthenticated,
        Message = message,
        Details = { Any.Pack(new ErrorInfo { Reason = reason, Domain = GuardGrpcService.ErrorDomain }) },
    };
}
