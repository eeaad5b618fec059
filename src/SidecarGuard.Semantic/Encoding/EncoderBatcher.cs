using System.Threading.Channels;

namespace SidecarGuard.Semantic.Encoding;

/// <summary>
/// Lets concurrent turns share encoder runs. Each worker takes the first waiting turn and every other turn already
/// waiting, up to <see cref="MaxBatchWindows"/> windows, and encodes them together, grouped by length so short turns
/// are not padded to a long one. Nobody waits for a batch to fill: a lone turn is encoded at once, and batches form
/// by themselves when turns arrive faster than one run takes. Measured on two cores (EncoderBatchingBenchmarks):
/// runs of 8 short turns cost about 0.7 of one run per turn. Results equal unbatched ones (padding is masked).
/// The 8-bit encoder cannot share runs (<see cref="SentenceEncoder.SharesRuns"/>): there each worker takes one turn
/// at a time, which still bounds concurrent encoder runs to the workers.
/// </summary>
internal sealed class EncoderBatcher : IAsyncDisposable
{
    /// <summary>Windows per encoder run at most (about where the saving per turn stops growing).</summary>
    public const int MaxBatchWindows = 8;

    /// <summary>A group's longest window may be at most this many times its shortest one.</summary>
    private const int MaxPaddingRatio = 2;

    private readonly SentenceEncoder _encoder;
    private readonly int _maxBatchWindows;
    private readonly Channel<Job> _queue = Channel.CreateUnbounded<Job>(new UnboundedChannelOptions { SingleReader = false });
    private readonly Task[] _workers;
    private long _runs;
    private long _windows;

    /// <param name="encoder">The encoder the workers share.</param>
    /// <param name="workers">Concurrent encoder runs at most (one intra-op thread each); defaults to the processor count.</param>
    public EncoderBatcher(SentenceEncoder encoder, int? workers = null)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        _encoder = encoder;
        _maxBatchWindows = encoder.SharesRuns ? MaxBatchWindows : 1;
        _workers = [.. Enumerable.Range(0, Math.Max(1, workers ?? Environment.ProcessorCount))
            .Select(_ => Task.Factory.StartNew(WorkAsync, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap())];
    }

    /// <summary>Encoder runs so far, and windows encoded in them: their ratio is the mean batch size.</summary>
    public (long Runs, long Windows) Counts => (Interlocked.Read(ref _runs), Interlocked.Read(ref _windows));

    /// <summary>The embeddings of <paramref name="text"/>'s windows, as <see cref="SentenceEncoder.EncodeWindows"/> gives them.</summary>
    public Task<float[][]> EncodeWindowsAsync(string text, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var job = new Job(_encoder.WindowsOf(text));
        if (!_queue.Writer.TryWrite(job))
        {
            throw new ObjectDisposedException(nameof(EncoderBatcher));
        }

        return cancellationToken.CanBeCanceled ? job.Result.Task.WaitAsync(cancellationToken) : job.Result.Task;
    }

    private async Task WorkAsync()
    {
        var taken = new List<Job>();
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            taken.Clear();
            var windows = 0;
            while (windows < _maxBatchWindows && _queue.Reader.TryRead(out var job))
            {
                taken.Add(job);
                windows += job.Windows.Length;
            }

            foreach (var group in GroupByLength(taken))
            {
                Run(group);
            }
        }
    }

    private void Run(List<Job> group)
    {
        try
        {
            var sequences = group.SelectMany(j => j.Windows).ToArray();
            var vectors = _encoder.EncodeSequences(sequences);
            Interlocked.Add(ref _runs, _encoder.SharesRuns ? 1 : sequences.Length);
            Interlocked.Add(ref _windows, sequences.Length);
            var next = 0;
            foreach (var job in group)
            {
                job.Result.TrySetResult(vectors[next..(next + job.Windows.Length)]);
                next += job.Windows.Length;
            }
        }
#pragma warning disable CA1031 // the failure belongs to the callers, not to the worker, which must keep serving
        catch (Exception e)
#pragma warning restore CA1031
        {
            foreach (var job in group)
            {
                job.Result.TrySetException(e);
            }
        }
    }

    /// <summary>Jobs sorted by their longest window, cut where a window would be padded to more than twice its length.</summary>
    private static IEnumerable<List<Job>> GroupByLength(List<Job> jobs)
    {
        if (jobs.Count == 0)
        {
            yield break;
        }

        var group = new List<Job>();
        var shortest = 0;
        foreach (var job in jobs.OrderBy(j => j.Longest))
        {
            if (group.Count > 0 && job.Longest > MaxPaddingRatio * shortest)
            {
                yield return group;
                group = [];
            }

            if (group.Count == 0)
            {
                shortest = job.Shortest;
            }

            group.Add(job);
        }

        yield return group;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_workers).ConfigureAwait(false);
    }

    private sealed class Job(int[][] windows)
    {
        public int[][] Windows { get; } = windows;

        public int Longest { get; } = windows.Max(w => w.Length);

        public int Shortest { get; } = windows.Min(w => w.Length);

        public TaskCompletionSource<float[][]> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
