using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Grpc.Core.Interceptors;
using SidecarGuard.Core.Storage;
using SidecarGuard.Sidecar.Observability;

namespace SidecarGuard.Sidecar.Grpc;

/// <summary>
/// Turns the guard's exceptions into precise gRPC statuses with rich details, and logs every rejection. Input is
/// never answered with INTERNAL: only genuine faults are.
/// </summary>
internal sealed class GuardErrorInterceptor(GuardMetrics metrics, ILogger<GuardErrorInterceptor> logger) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context,
        UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context).ConfigureAwait(false);
        }
        catch (RpcException e)
        {
            Log.Rejected(logger, context.Method, e.StatusCode, e.Status.Detail);
            throw;
        }
        catch (Exception e) when (ToStatus(e, context) is { } status)
        {
            if (e is StoreUnavailableException)
            {
                metrics.StoreError(context.Method);
            }

            var rpc = status.ToRpcException();
            Log.Rejected(logger, context.Method, rpc.StatusCode, status.Message);
            throw rpc;
        }
        catch (Exception e)
        {
            Log.Failed(logger, context.Method, e);
            throw new RpcException(new global::Grpc.Core.Status(StatusCode.Internal, "The sidecar failed to process the request; see its log."));
        }
    }

    private static Google.Rpc.Status? ToStatus(Exception exception, ServerCallContext context) => exception switch
    {
        InvalidGuardRequestException e => Status(Code.InvalidArgument, e.Message,
            new BadRequest { FieldViolations = { new BadRequest.Types.FieldViolation { Field = e.Field, Description = e.Message } } }),
        ConversationNotFoundException e => Status(Code.NotFound, e.Message,
            new ResourceInfo { ResourceType = "conversation", ResourceName = e.ConversationId, Description = "No conversation with this id." }),
        ConversationExistsException e => Status(Code.AlreadyExists, e.Message,
            new ResourceInfo { ResourceType = "conversation", ResourceName = e.ConversationId, Description = "The id is taken." }),
        GuardPreconditionException e => Status(Code.FailedPrecondition, e.Message,
            new ErrorInfo { Reason = e.Reason, Domain = GuardGrpcService.ErrorDomain }),
        OperationCanceledException when context.CancellationToken.IsCancellationRequested =>
            Status(Code.Cancelled, "The call was cancelled or its deadline passed.", null),
        StoreUnavailableException e => Status(Code.Unavailable, $"The conversation store is unavailable; retry later. {e.Message}", null),
        _ => null,
    };

    private static Google.Rpc.Status Status(Code code, string message, Google.Protobuf.IMessage? detail)
    {
        var status = new Google.Rpc.Status { Code = (int)code, Message = message };
        if (detail is not null)
        {
            status.Details.Add(Any.Pack(detail));
        }

        return status;
    }
}
