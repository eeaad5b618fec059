using V1 = SidecarGuard.Contracts.V1;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Grpc.Core.Interceptors;
using SidecarGuard.Sidecar.Grpc;

namespace SidecarGuard.Sidecar.Tenancy;

/// <summary>
/// With <c>--auth</c>: every call (gRPC or JSON/HTTP) names an API key in <c>authorization: Bearer KEY</c> or
/// <c>x-api-key</c>; the key's hash picks the tenant, a read-only key may only read, and each tenant's token bucket
/// limits its rate. Health checks stay open for probes.
/// </summary>
internal sealed class TenantAuthInterceptor(TenantDirectory directory) : Interceptor
{
    /// <summary>What a read-only key may call: reading conversations, listing ends, statistics.</summary>
    private static readonly HashSet<string> ReadMethods = new(StringComparer.Ordinal)
    {
        "/sidecarguard.v1.GuardService/GetConversation",
        "/sidecarguard.v1.GuardService/ListEnds",
        "/sidecarguard.v1.GuardService/GetStats",
    };

    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context,
        UnaryServerMethod<TRequest, TResponse> continuation)
    {
        if (Authorize(context) is { Operator: false } && request is V1.SubmitFeedbackRequest { Source: V1.FeedbackSource.Operator })
        {
            throw Error(Code.PermissionDenied, "Only an operator's API key may give feedback as an operator; give it with source FEEDBACK_SOURCE_USER, or mark the key \"operator\": true.",
                new ErrorInfo { Reason = ErrorReasons.Of(V1.ErrorReason.ApiKeyNotOperator), Domain = GuardGrpcService.ErrorDomain });
        }

        return continuation(request, context);
    }

    public override Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream,
        ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Authorize(context);
        return continuation(requestStream, context);
    }

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream,
        ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Authorize(context);
        return continuation(request, responseStream, context);
    }

    public override Task DuplexStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream,
        IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Authorize(context);
        return continuation(requestStream, responseStream, context);
    }

    /// <summary>Admits the call or throws; returns its caller (null for health checks, which need no key).</summary>
    private TenantDirectory.Caller? Authorize(ServerCallContext context)
    {
        if (context.Method.StartsWith("/grpc.health.v1.Health/", StringComparison.Ordinal))
        {
            return null;
        }

        if (ApiKeyHeaders.Identify(directory, ApiKeyHeaders.KeyOf(context.RequestHeaders.GetValue), out var identified) is { } refusal)
        {
            throw refusal.ToRpcException();
        }

        var caller = identified!;
        if (caller.ReadOnly && !ReadMethods.Contains(context.Method))
        {
            throw Error(Code.PermissionDenied, $"This API key is read-only: it may call GetConversation, ListEnds and GetStats, not {context.Method}.",
                new ErrorInfo { Reason = ErrorReasons.Of(V1.ErrorReason.ApiKeyReadOnly), Domain = GuardGrpcService.ErrorDomain });
        }

        if (directory.TryAcquire(caller.Tenant) is { } wait)
        {
            throw Error(Code.ResourceExhausted, $"Tenant '{caller.Tenant}' is over its rate limit; retry in {wait.TotalSeconds:0.###} s.",
                new RetryInfo { RetryDelay = Duration.FromTimeSpan(wait) });
        }

        TenantGuards.SetTenant(context, caller.Tenant);
        return caller;
    }

    private static RpcException Error(Code code, string message, Google.Protobuf.IMessage detail) =>
        new Google.Rpc.Status { Code = (int)code, Message = message, Details = { Any.Pack(detail) } }.ToRpcException();
}
