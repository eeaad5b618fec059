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
    public static Google.Rpc.Status? Refusal(TenantDirectory directory, IHeaderDictionary headers)
    {
        var key = KeyOf(name => headers.TryGetValue(name, out var value) ? value.ToString() : null);
        if (key is null)
        {
            return Unauthenticated(Missing, "API_KEY_MISSING");
        }

        return directory.Find(ApiKeyHash.Of(key)) is null ? Unauthenticated(Invalid, "API_KEY_INVALID") : null;
    }

    /// <summary>The message for a call that names no key.</summary>
    public const string Missing = "An API key is required: send 'authorization: Bearer KEY' or 'x-api-key: KEY'.";

    /// <summary>The message for a call whose key is unknown.</summary>
    public const string Invalid = "The API key is not valid.";

    private static Google.Rpc.Status Unauthenticated(string message, string reason) => new()
    {
        Code = (int)Code.Unauthenticated,
        Message = message,
        Details = { Any.Pack(new ErrorInfo { Reason = reason, Domain = GuardGrpcService.ErrorDomain }) },
    };
}
