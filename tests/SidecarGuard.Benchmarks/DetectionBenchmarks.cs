using BenchmarkDotNet.Attributes;
using SidecarGuard.Core.Detection;
using SidecarGuard.Core.Detection.Model;
using SidecarGuard.Core.Guard;
using SidecarGuard.Core.Normalization;

namespace SidecarGuard.Benchmarks;

/// <summary>
/// Normalisation and detection of a 1 KB turn (target: at most 10 µs and 1 KB allocated), against hashing the same
/// text with SHA-256, which every turn pays anyway.
/// </summary>
[MemoryDiagnoser]
public class DetectionBenchmarks
{
    private readonly LexiconDetector _detector = new();
    private string _benign = "";
    private string _harmful = "";
    private string _normalizedHarmful = "";
    private readonly float[] _probabilities = new float[16];

    [GlobalSetup]
    public void Setup()
    {
        _benign = SampleTurns.BenignOf(1024);
        _harmful = SampleTurns.HarmfulOf(1024);
        _normalizedHarmful = TextNormalizer.Normalize(_harmful);

        // Measure the steady state of traffic made of these turns: a lexicon pattern gets its automaton once the
        // interpreter has spent LazyPattern.AutomatonAfter on it, so each turn is repeated for a while first.
        Repeat(() => _detector.AnalyzeUserTurn(_benign));
        Repeat(() => _detector.AnalyzeUserTurn(_harmful));
        Repeat(() => _detector.AnalyzeUserTurn(SampleTurns.GateOpening));
        Repeat(() => _detector.AnalyzeUserTurn(SampleTurns.ShortQuestion(0)));
        Repeat(() => _detector.IsRefusal(_benign));

        AutomatonBuilder.WaitUntilIdle(TimeSpan.FromMinutes(1));
    }

    private static void Repeat(Action turn)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(1);
        while (DateTime.UtcNow < until)
        {
            turn();
        }
    }

    [Benchmark(Baseline = true, Description = "SHA-256 of 1 KB (baseline)")]
    public string HashOneKilobyte() => TextHash.Of(_benign);

    [Benchmark(Description = "detect benign 1 KB")]
    public TurnSignals DetectBenign() => _detector.AnalyzeUserTurn(_benign);

    [Benchmark(Description = "detect a short everyday question (gate closed; the continuation lexicon still reads it)")]
    public TurnSignals DetectShortQuestion() => _detector.AnalyzeUserTurn(SampleTurns.ShortQuestion(0));

    [Benchmark(Description = "detect benign 200 B that opens the lexicon gate")]
    public TurnSignals DetectGateOpening() => _detector.AnalyzeUserTurn(SampleTurns.GateOpening);

    [Benchmark(Description = "detect harmful 1 KB")]
    public TurnSignals DetectHarmful() => _detector.AnalyzeUserTurn(_harmful);

    [Benchmark(Description = "normalise 1 KB")]
    public string Normalize() => TextNormalizer.Normalize(_harmful);

    [Benchmark(Description = "linear model over normalised 1 KB")]
    public float Model()
    {
        EmbeddedModel.Value!.Score(_normalizedHarmful, _probabilities);
        return _probabilities[0];
    }

    [Benchmark(Description = "refusal check of 1 KB reply")]
    public bool Refusal() => _detector.IsRefusal(_benign);
}
