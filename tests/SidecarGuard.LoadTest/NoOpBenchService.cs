using Grpc.Core;
using SidecarGuard.Contracts.V1;
using SidecarGuard.LoadTest.Bench;

namespace SidecarGuard.LoadTest;

/// <summary>Returns a fixed response shaped like a real verdict, so both RPCs move the same bytes.</summary>
internal sealed class NoOpBenchService : BenchService.BenchServiceBase
{
    private static readonly Task<EvaluateTurnResponse> Response = Task.FromResult(new EvaluateTurnResponse
    {
        Action = Contracts.V1.TurnAction.Allow,
        Reason = "No policy signal: answer normally.",
        Guidance = "Answer normally.",
        State = new Contracts.V1.ConversationState { ConversationId = "load-00-000", Status = Contracts.V1.ConversationStatus.Active, TurnCount = 12 },
        TurnIndex = 11,
    });

    public override Task<EvaluateTurnResponse> Echo(EvaluateTurnRequest request, ServerCallContext context) => Response;
}
