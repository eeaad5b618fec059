using System.Diagnostics;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using SidecarGuard.Sidecar.Observability;
using SidecarGuard.Sidecar.Tenancy;
using SidecarGuard.Contracts;
using V1 = SidecarGuard.Contracts.V1;

namespace SidecarGuard.Sidecar.Grpc;

/// <summary>
/// The <c>sidecarguard.v1.GuardService</c> endpoint: maps the contract to the guard and back. Errors raised by the
/// guard are turned into statuses by <see cref="GuardErrorInterceptor"/>; a refused end is a FAILED_PRECONDITION
/// with an <c>ErrorInfo</c> detail.
/// </summary>
/// <remarks>
/// Bound by <see cref="GuardServiceBinding"/> rather than the generated base class, so that a request body that is
/// not valid protobuf gets INVALID_ARGUMENT. grpc-dotnet binds virtual methods only, hence virtual and not sealed.
/// </remarks>
[BindServiceMethod(typeof(GuardServiceBinding), nameof(GuardServiceBinding.BindService))]
internal class GuardGrpcService(TenantGuards guards, GuardMetrics metrics, ILogger<GuardGrpcService> logger)
{
    /// <summary>The ErrorInfo domain of refusals.</summary>
    public const string ErrorDomain = "sidecarguard.dev";

    public virtual async Task<V1.EvaluateTurnResponse> EvaluateTurn(V1.EvaluateTurnRequest request, ServerCallContext context)
    {
        using var activity = GuardActivities.Start("EvaluateTurn", request.ConversationId);
        var started = Stopwatch.GetTimestamp();
        var verdict = await guards.For(context).EvaluateTurnAsync(ContractMapping.ToModel(request), context.CancellationToken).ConfigureAwait(false);
        metrics.TurnEvaluated(verdict, Stopwatch.GetElapsedTime(started));
        activity?.SetTag("sidecarguard.action", verdict.Action.ToString());
        activity?.SetTag("sidecarguard.turn_index", verdict.TurnIndex);
        Log.TurnEvaluated(logger, request.ConversationId, verdict.TurnIndex, verdict.Action, verdict.Replayed);
        return ContractMapping.ToContract(verdict);
    }

    public virtual async Task<V1.EndConversationResponse> EndConversation(V1.EndConversationRequest request, ServerCallContext context)
    {
        using var activity = GuardActivities.Start("EndConversation", request.ConversationId);
        var outcome = await guards.For(context).EndConversationAsync(request.ConversationId, (EndReason)request.Reason, request.RequestId,
            context.CancellationToken).ConfigureAwait(false);
        if (outcome.Record is null)
        {
            Log.EndRefused(logger, request.ConversationId, outcome.Refusal, (EndReason)request.Reason);
            var refusal = RefusalName(outcome.Refusal);
            metrics.EndRefused(refusal);
            activity?.SetTag("sidecarguard.refusal", refusal);
            throw Refused(request, outcome, refusal);
        }

        activity?.SetTag("sidecarguard.already_ended", outcome.AlreadyEnded);
        if (!outcome.AlreadyEnded)
        {
            metrics.Ended(outcome.Record.Reason);
            Log.Ended(logger, request.ConversationId, outcome.Record.Reason, outcome.Record.Category, outcome.Record.TurnIndex);
        }

        return new V1.EndConversationResponse
        {
            Record = ContractMapping.ToContract(outcome.Record),
            AlreadyEnded = outcome.AlreadyEnded,
            State = ContractMapping.ToContract(outcome.State),
        };
    }

    public virtual async Task<V1.GetConversationResponse> GetConversation(V1.GetConversationRequest request, ServerCallContext context)
    {
        var view = await guards.For(context).GetConversationAsync(request.ConversationId, context.CancellationToken).ConfigureAwait(false)
            ?? throw new ConversationNotFoundException(request.ConversationId);
        var response = new V1.GetConversationResponse { State = ContractMapping.ToContract(view.State) };
        if (view.EndRecord is { } record)
        {
            response.EndRecord = ContractMapping.ToContract(record);
        }

        response.Feedback.AddRange(view.Feedback.Select(ContractMapping.ToContract));
        return response;
    }

    public virtual async Task<V1.BranchConversationResponse> BranchConversation(V1.BranchConversationRequest request, ServerCallContext context)
    {
        using var activity = GuardActivities.Start("BranchConversation", request.ConversationId);
        var state = await guards.For(context).BranchConversationAsync(request.ConversationId, request.TurnIndex,
            request.NewConversationId, context.CancellationToken).ConfigureAwait(false);
        Log.Branched(logger, request.ConversationId, request.TurnIndex, state.ConversationId);
        return new V1.BranchConversationResponse { NewConversationId = state.ConversationId, State = ContractMapping.ToContract(state) };
    }

    public virtual async Task<V1.SubmitFeedbackResponse> SubmitFeedback(V1.SubmitFeedbackRequest request, ServerCallContext context)
    {
        using var activity = GuardActivities.Start("SubmitFeedback", request.ConversationId);
        var outcome = await guards.For(context).SubmitFeedbackAsync(ContractMapping.ToModel(request), context.CancellationToken).ConfigureAwait(false);
        // The comment is a person's free text: never logged, only its length.
        Log.FeedbackRecorded(logger, request.ConversationId, outcome.Record.Source, outcome.Record.Verdict, outcome.Record.CommentBytes,
            outcome.AlreadyRecorded);
        return ContractMapping.ToContract(outcome);
    }

    public virtual async Task<V1.ListEndsResponse> ListEnds(V1.ListEndsRequest request, ServerCallContext context)
    {
        var page = await guards.ReviewFor(context).ListEndsAsync(ContractMapping.ToModel(request), context.CancellationToken).ConfigureAwait(false);
        return ContractMapping.ToContract(page);
    }

    public virtual async Task<V1.GetStatsResponse> GetStats(V1.GetStatsRequest request, ServerCallContext context)
    {
        var report = await guards.ReviewFor(context).GetStatsAsync(ContractMapping.ToModel(request), context.CancellationToken).ConfigureAwait(false);
        return ContractMapping.ToContract(report);
    }

    private static string RefusalName(EndRefusalCode? refusal) => refusal switch
    {
        EndRefusalCode.AtRiskVeto => ErrorReasons.Of(V1.ErrorReason.AtRiskVeto),
        EndRefusalCode.NoConfirmation => ErrorReasons.Of(V1.ErrorReason.NoConfirmation),
        _ => ErrorReasons.Of(V1.ErrorReason.NotEligibleYet),
    };

    private static RpcException Refused(V1.EndConversationRequest request, EndOutcome outcome, string reason)
    {
        var info = new ErrorInfo { Reason = reason, Domain = ErrorDomain };
        info.Metadata.Add("conversation_id", request.ConversationId);
        info.Metadata.Add("requested_reason", V1.EndConversationRequest.Descriptor.FindFieldByName("reason").EnumType
            .FindValueByNumber((int)request.Reason)?.Name ?? ((int)request.Reason).ToString(System.Globalization.CultureInfo.InvariantCulture));
        info.Metadata.Add("redirects_given", outcome.State.RedirectsGiven.ToString(System.Globalization.CultureInfo.InvariantCulture));
        info.Metadata.Add("warning_given", outcome.State.WarningGiven ? "true" : "false");
        info.Metadata.Add("at_risk", outcome.State.AtRisk ? "true" : "false");
        var status = new Google.Rpc.Status
        {
            Code = (int)Code.FailedPrecondition,
            Message = outcome.RefusalMessage ?? "Policy does not permit ending this conversation now.",
            Details = { Any.Pack(info) },
        };
        return status.ToRpcException();
    }
}
