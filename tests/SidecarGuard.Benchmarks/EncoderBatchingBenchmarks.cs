using BenchmarkDotNet.Attributes;
using SidecarGuard.Semantic.Encoding;

namespace SidecarGuard.Benchmarks;

/// <summary>
/// What sharing one encoder run between concurrent turns saves: sixteen different short turns (about 20 word pieces
/// each) encoded one run per turn (the baseline) or in runs of 4, 8 and 16, on one intra-op thread. The figure is
/// the cost per turn (OperationsPerInvoke = 16). The float encoder: the 8-bit one runs every turn alone.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(PercentileConfig))]
public class EncoderBatchingBenchmarks
{
    private const int Turns = 16;

    private SentenceEncoder _encoder = null!;
    private string[] _texts = [];

    /// <summary>Turns per encoder run.</summary>
    [Params(1, 4, 8, 16)]
    public int Batch { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _encoder = SentenceEncoder.LoadDefault(intraOpThreads: 1, precision: EncoderPrecision.Float32);
        _texts = [.. Enumerable.Range(0, Turns).Select(i => SampleTurns.ShortQuestion(i))];
        _encoder.EncodeMany(_texts, Batch);
    }

    [GlobalCleanup]
    public void Cleanup() => _encoder.Dispose();

    [Benchmark(OperationsPerInvoke = Turns, Description = "encode short turns")]
    public float[][] Encode() => _encoder.EncodeMany(_texts, Batch);
}
