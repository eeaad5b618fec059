namespace SidecarGuard.LoadTest;

/// <summary>Collects call latencies (in ticks of <see cref="System.Diagnostics.Stopwatch"/>) and reports percentiles.</summary>
internal sealed class LatencyRecorder
{
    private readonly List<long> _ticks = [];
    private readonly Lock _gate = new();

    public void Add(long ticks)
    {
        lock (_gate)
        {
            _ticks.Add(ticks);
        }
    }

    public int Count => _ticks.Count;

    public double PercentileMilliseconds(double percentile)
    {
        lock (_gate)
        {
            if (_ticks.Count == 0)
            {
                return double.NaN;
            }

            _ticks.Sort();
            var index = (int)Math.Clamp(Math.Ceiling(percentile / 100 * _ticks.Count) - 1, 0, _ticks.Count - 1);
            return _ticks[index] * 1000.0 / System.Diagnostics.Stopwatch.Frequency;
        }
    }
}
