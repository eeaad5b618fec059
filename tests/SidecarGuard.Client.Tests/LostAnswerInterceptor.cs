using Grpc.Core;
using Grpc.Core.Interceptors;
using SidecarGuard.Contracts.V1;

namespace SidecarGuard.Client.Tests;

/// <summary>
/// Lets calls reach the sidecar and records them, but answers the first <c>lose</c> of them with UNAVAILABLE, as if the
/// answer were lost on the way back: the sidecar has done the work and the client cannot know.
/// </summary>
internal sealed class LostAnswerInterceptor(int lose) : Interceptor
{
    private int _toLose = lose;

    public List<string> TurnIds { get; } = [];

    public int Attempts { get; private set; }

    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(TRequest request,
        ClientInterceptorContext<TRequest, TResponse> context, AsyncUnaryCallContinuation<TRequest, TResponse> continuation)
    {
        Attempts++;
        if (request is EvaluateTurnRequest turn)
        {
            TurnIds.Add(turn.TurnId);
        }

        var call = continuation(request, context);
        if (_toLose-- <= 0)
        {
            return call;
        }

        return new AsyncUnaryCall<TResponse>(LoseAsync(call.ResponseAsync), call.ResponseHeadersAsync, call.GetStatus, call.GetTrailers, call.Dispose);
    }

    private static async Task<T> LoseAsync<T>(Task<T> response)
    {
        await response;
        throw new RpcException(new Status(StatusCode.Unavailable, "answer lost on the way back (test)"));
    }
}
