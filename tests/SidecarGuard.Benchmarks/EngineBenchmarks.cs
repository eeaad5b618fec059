using BenchmarkDotNet.Attributes;
using SidecarGuard.Core.Detection;
using SidecarGuard.Core.Guard;
using SidecarGuard.Core.Policy;
using SidecarGuard.Core.Storage;

namespace SidecarGuard.Benchmarks;

/// <summary>
/// A full in-process evaluation (validation, detection, engine, in-memory store) of a 1 KB turn, early in a
/// conversation (baseline) and after 10 000 turns: the cost must not grow with the conversation (target: at most
/// 1.1x). Each invocation adds a turn to its conversation, so both grow at the same pace during the run.
/// </summary>
[MemoryDiagnoser]
public class EngineBenchmarks
{
    private ConversationGuard _early = null!;
    private ConversationGuard _late = null!;
    private TurnRequest _request = null!;

    [GlobalSetup]
    public void Setup()
    {
        _request = new TurnRequest("bench", SampleTurns.BenignOf(1024));
        _early = NewGuard(turns: 1);
        _late = NewGuard(turns: 10_000);
    }

    [Benchmark(Baseline = true, Description = "EvaluateTurn 1 KB at turn 1")]
    public TurnVerdict AtTurnOne() => _early.EvaluateTurnAsync(_request).AsTask().GetAwaiter().GetResult();

    [Benchmark(Description = "EvaluateTurn 1 KB at turn 10 000")]
    public TurnVerdict AtTurnTenThousand() => _late.EvaluateTurnAsync(_request).AsTask().GetAwaiter().GetResult();

    private ConversationGuard NewGuard(int turns)
    {
        var guard = new ConversationGuard(new LexiconDetector(), new PolicyHolder(new PolicyOptions()), new InMemoryConversationStore());
        for (var i = 0; i < turns; i++)
        {
            guard.EvaluateTurnAsync(_request).AsTask().GetAwaiter().GetResult();
        }

        return guard;
    }
}
