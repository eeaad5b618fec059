using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using SidecarGuard.Core.Detection;
using SidecarGuard.Semantic;

namespace SidecarGuard.Benchmarks;

/// <summary>
/// The semantic stage per turn length (one encoder pass per 254 word pieces, at most four), against the lexicon
/// detector alone on the same turn, measured in the same run. BenchmarkDotNet reports the median and the 95th
/// percentile beside the mean. Every call sends a turn not seen before (the text starts with a new number), so the
/// score cache, which answers a repeated turn without the encoder, never hides the encoder's cost.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(PercentileConfig))]
public class SemanticDetectorBenchmarks
{
    private readonly LexiconDetector _lexicons = new();
    private SemanticDetector _semantic = null!;
    private string _text = "";
    private long _sent;

    /// <summary>Turn length in characters.</summary>
    [Params(80, 1024, 4096)]
    public int Length { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _semantic = SemanticDetector.Create(_lexicons);
        _text = SampleTurns.BenignOf(Length);
        _semantic.AnalyzeUserTurn(_text);
        AutomatonBuilder.WaitUntilIdle(TimeSpan.FromMinutes(1));
    }

    [Benchmark(Baseline = true, Description = "lexicon detector")]
    public TurnSignals Lexicons() => _lexicons.AnalyzeUserTurn(NextTurn());

    [Benchmark(Description = "lexicons + semantic stage")]
    public TurnSignals Semantic() => _semantic.AnalyzeUserTurn(NextTurn());

    /// <summary>
    /// The sample turn with a new number in place of its first characters, so its length (and so its number of
    /// encoder windows) stays that of the sample: appended, the number pushed the 1 KB turn into a second window.
    /// </summary>
    private string NextTurn()
    {
        var number = (++_sent).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return string.Concat(number, " ", _text.AsSpan(Math.Min(_text.Length, number.Length + 1)));
    }
}

/// <summary>Adds the median and the 95th percentile to a benchmark's table.</summary>
internal sealed class PercentileConfig : ManualConfig
{
    public PercentileConfig() => AddColumn(StatisticColumn.Median, StatisticColumn.P95);
}
