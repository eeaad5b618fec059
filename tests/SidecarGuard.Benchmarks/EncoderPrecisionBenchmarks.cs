using BenchmarkDotNet.Attributes;
using SidecarGuard.Semantic.Encoding;

namespace SidecarGuard.Benchmarks;

/// <summary>
/// The encoder as served (dense layers in 8-bit integers) against the float model as published (the baseline), one
/// turn of each length on one intra-op thread, in the same run.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(PercentileConfig))]
public class EncoderPrecisionBenchmarks
{
    private SentenceEncoder _float = null!;
    private SentenceEncoder _int8 = null!;
    private string _text = "";

    /// <summary>Turn length in characters.</summary>
    [Params(80, 1024)]
    public int Length { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _float = SentenceEncoder.LoadDefault(intraOpThreads: 1, precision: EncoderPrecision.Float32);
        _int8 = SentenceEncoder.LoadDefault(intraOpThreads: 1, precision: EncoderPrecision.Int8);
        _text = SampleTurns.BenignOf(Length);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _float.Dispose();
        _int8.Dispose();
    }

    [Benchmark(Baseline = true, Description = "float encoder")]
    public float[][] Float() => _float.EncodeWindows(_text);

    [Benchmark(Description = "8-bit encoder")]
    public float[][] Int8() => _int8.EncodeWindows(_text);
}
