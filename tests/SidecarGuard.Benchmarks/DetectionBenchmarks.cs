using BenchmarkDotNet.Attributes;
using SidecarGuard.Core.Detection;
using SidecarGuard.Core.Guard;

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

    [GlobalSetup]
    public void Setup()
    {
        _benign = SampleTurns.BenignOf(1024);
        _harmful = SampleTurns.HarmfulOf(1024);
        _detector.AnalyzeUserTurn(_benign);
    }

    [Benchmark(Baseline = true, Description = "SHA-256 of 1 KB (baseline)")]
    public string HashOneKilobyte() => TextHash.Of(_benign);

    [Benchmark(Description = "detect benign 1 KB")]
    public TurnSignals DetectBenign() => _detector.AnalyzeUserTurn(_benign);

    [Benchmark(Description = "detect harmful 1 KB")]
    public TurnSignals DetectHarmful() => _detector.AnalyzeUserTurn(_harmful);

    [Benchmark(Description = "refusal check of 1 KB reply")]
    public bool Refusal() => _detector.IsRefusal(_benign);
}
