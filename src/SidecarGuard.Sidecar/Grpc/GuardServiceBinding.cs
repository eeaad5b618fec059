using Google.Protobuf;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;
using Grpc.Core;
using V1 = SidecarGuard.Contracts.V1;

namespace SidecarGuard.Sidecar.Grpc;

/// <summary>
/// Binds <see cref="GuardGrpcService"/> like the generated code does, but with marshallers that answer a request
/// body that is not valid protobuf with INVALID_ARGUMENT. The generated marshallers let the parser's exception
/// escape, which grpc-dotnet reports as UNKNOWN "Exception was thrown by handler".
/// </summary>
internal static class GuardServiceBinding
{
    private static readonly Method<V1.EvaluateTurnRequest, V1.EvaluateTurnResponse> EvaluateTurn = Unary(
        "EvaluateTurn", V1.EvaluateTurnRequest.Parser, V1.EvaluateTurnResponse.Parser);

    private static readonly Method<V1.EndConversationRequest, V1.EndConversationResponse> EndConversation = Unary(
        "EndConversation", V1.EndConversationRequest.Parser, V1.EndConversationResponse.Parser);

    private static readonly Method<V1.GetConversationRequest, V1.GetConversationResponse> GetConversation = Unary(
        "GetConversation", V1.GetConversationRequest.Parser, V1.GetConversationResponse.Parser);

    private static readonly Method<V1.BranchConversationRequest, V1.BranchConversationResponse> BranchConversation = Unary(
        "BranchConversation", V1.BranchConversationRequest.Parser, V1.BranchConversationResponse.Parser);

    private static readonly Method<V1.SubmitFeedbackRequest, V1.SubmitFeedbackResponse> SubmitFeedback = Unary(
        "SubmitFeedback", V1.SubmitFeedbackRequest.Parser, V1.SubmitFeedbackResponse.Parser);

    private static readonly Method<V1.ListEndsRequest, V1.ListEndsResponse> ListEnds = Unary(
        "ListEnds", V1.ListEndsRequest.Parser, V1.ListEndsResponse.Parser);

    private static readonly Method<V1.GetStatsRequest, V1.GetStatsResponse> GetStats = Unary(
        "GetStats", V1.GetStatsRequest.Parser, V1.GetStatsResponse.Parser);

    /// <summary>The service descriptor; JSON transcoding reads the http rules from it.</summary>
    public static ServiceDescriptor Descriptor => V1.GuardService.Descriptor;

    /// <summary>Found by grpc-dotnet through <see cref="BindServiceMethodAttribute"/> on <see cref="GuardGrpcService"/>.</summary>
    public static void BindService(ServiceBinderBase binder, GuardGrpcService? service)
    {
        ArgumentNullException.ThrowIfNull(binder);
        binder.AddMethod(EvaluateTurn, service is null ? null : service.EvaluateTurn);
        binder.AddMethod(EndConversation, service is null ? null : service.EndConversation);
        binder.AddMethod(GetConversation, service is null ? null : service.GetConversation);
        binder.AddMethod(BranchConversation, service is null ? null : service.BranchConversation);
        binder.AddMethod(SubmitFeedback, service is null ? null : service.SubmitFeedback);
        binder.AddMethod(ListEnds, service is null ? null : service.ListEnds);
        binder.AddMethod(GetStats, service is null ? null : service.GetStats);
    }

    private static Method<TRequest, TResponse> Unary<TRequest, TResponse>(string name, MessageParser<TRequest> requests,
        MessageParser<TResponse> responses)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse> =>
        new(MethodType.Unary, Descriptor.FullName, name, Marshaller(requests), Marshaller(responses));

    private static Marshaller<T> Marshaller<T>(MessageParser<T> parser) where T : class, IMessage<T> =>
        new((message, context) =>
        {
            context.SetPayloadLength(message.CalculateSize());
            message.WriteTo(context.GetBufferWriter());
            context.Complete();
        }, context =>
        {
            try
            {
                return parser.ParseFrom(context.PayloadAsReadOnlySequence());
            }
            catch (InvalidProtocolBufferException e)
            {
                throw new RpcException(new Status(StatusCode.InvalidArgument, $"The request is not a valid {typeof(T).Name}: {e.Message}"));
            }
        });
}
