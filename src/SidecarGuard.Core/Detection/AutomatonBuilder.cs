namespace SidecarGuard.Core.Detection;

/// <summary>The single background thread that builds non-backtracking automata for <see cref="LazyPattern"/>.</summary>
internal static class AutomatonBuilder
{
    private static readonly System.Collections.Concurrent.BlockingCollection<LazyPattern> Queue = [];
    private static readonly Lazy<Thread> Worker = new(Start);
    private static int _pending;

    /// <summary>Queues <paramref name="pattern"/> for a build, starting the thread on first use.</summary>
    public static void Enqueue(LazyPattern pattern)
    {
        _ = Worker.Value;
        Interlocked.Increment(ref _pending);
        Queue.Add(pattern);
    }

    /// <summary>Waits until every queued build is done (benchmarks measure the steady state); false on timeout.</summary>
    public static bool WaitUntilIdle(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Volatile.Read(ref _pending) > 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            Thread.Sleep(10);
        }

        return true;
    }

    private static Thread Start()
    {
        var thread = new Thread(static () =>
        {
            foreach (var pattern in Queue.GetConsumingEnumerable())
            {
                pattern.BuildFast();
                Interlocked.Decrement(ref _pending);
            }
        })
        {
            IsBackground = true,
            Priority = ThreadPriority.BelowNormal,
            Name = "SidecarGuard regex automata",
        };
        thread.Start();
        return thread;
    }
}
