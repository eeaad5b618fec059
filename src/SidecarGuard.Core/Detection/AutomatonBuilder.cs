namespace SidecarGuard.Core.Detection;

/// <summary>The single background thread that builds non-backtracking automata for <see cref="LazyPattern"/>.</summary>
internal static class AutomatonBuilder
{
    private static readonly System.Collections.Concurrent.BlockingCollection<LazyPattern> Queue = [];
    private static readonly Lazy<Thread> Worker = new(Start);

    /// <summary>Queues <paramref name="pattern"/> for a build, starting the thread on first use.</summary>
    public static void Enqueue(LazyPattern pattern)
    {
        _ = Worker.Value;
        Queue.Add(pattern);
    }

    private static Thread Start()
    {
        var thread = new Thread(static () =>
        {
            foreach (var pattern in Queue.GetConsumingEnumerable())
            {
                pattern.BuildFast();
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
