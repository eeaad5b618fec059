using System.Diagnostics;

namespace SidecarGuard.LoadTest;

/// <summary>Drives one unary call shape: closed loop at full speed, or open loop at a fixed rate.</summary>
internal static class LoadDriver
{
    /// <summary>Runs <paramref name="streams"/> callers back to back for <paramref name="duration"/>; returns calls per second.</summary>
    public static async Task<double> MaxThroughputAsync(Func<int, long, Task> call, int streams, TimeSpan duration)
    {
        long completed = 0;
        var stop = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, streams).Select(async worker =>
        {
            for (long n = 0; stop.Elapsed < duration; n++)
            {
                await call(worker, n);
                Interlocked.Increment(ref completed);
            }
        });
        await Task.WhenAll(workers);
        return completed / stop.Elapsed.TotalSeconds;
    }

    /// <summary>Starts calls at <paramref name="rate"/> per second for <paramref name="duration"/>, recording each latency.</summary>
    public static async Task<LatencyRecorder> FixedRateAsync(Func<int, long, Task> call, double rate, TimeSpan duration)
    {
        var recorder = new LatencyRecorder();
        var inFlight = new List<Task>();
        var clock = Stopwatch.StartNew();
        var interval = TimeSpan.FromSeconds(1 / rate);
        long issued = 0;
        while (clock.Elapsed < duration)
        {
            // Issue every call whose scheduled time has come, so a slow call never delays the next one's start.
            while (issued * interval < clock.Elapsed)
            {
                var n = issued++;
                inFlight.Add(TimedAsync(call, (int)(n % 64), n, recorder));
            }

            await Task.Delay(1);
        }

        await Task.WhenAll(inFlight);
        return recorder;
    }

    private static async Task TimedAsync(Func<int, long, Task> call, int worker, long n, LatencyRecorder recorder)
    {
        var started = Stopwatch.GetTimestamp();
        await call(worker, n);
        recorder.Add(Stopwatch.GetTimestamp() - started);
    }
}
