using System.Security.Cryptography;

namespace SidecarGuard.Semantic;

/// <summary>
/// The heads' scores of recently judged turns, so a retried or repeated turn (a client's retry, the same spam sent
/// a thousand times) costs a lookup instead of an encoder run. Keyed by a 128-bit SHA-256 prefix of the text the
/// encoder reads: no text is kept in memory. Least recently used entries leave first. Thread-safe.
/// </summary>
internal sealed class HeadScoreCache
{
    /// <summary>Entries a serving detector keeps by default (about 2 MB).</summary>
    public const int DefaultCapacity = 10_000;

    private readonly int _capacity;
    private readonly Dictionary<UInt128, LinkedListNode<(UInt128 Key, double[] Scores)>> _index = [];
    private readonly LinkedList<(UInt128 Key, double[] Scores)> _order = new();
    private readonly Lock _lock = new();
    private long _hits;
    private long _lookups;

    public HeadScoreCache(int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
    }

    /// <summary>Lookups answered from the cache, and lookups in all.</summary>
    public (long Hits, long Lookups) Counts
    {
        get
        {
            lock (_lock)
            {
                return (_hits, _lookups);
            }
        }
    }

    /// <summary>The key of a text.</summary>
    public static UInt128 KeyOf(string input)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(input), hash);
        return new UInt128(BitConverter.ToUInt64(hash), BitConverter.ToUInt64(hash[8..]));
    }

    /// <summary>The scores kept for <paramref name="input"/>, or those <paramref name="score"/> gives (then kept).</summary>
    public double[] GetOrAdd(string input, Func<string, double[]> score)
    {
        ArgumentNullException.ThrowIfNull(score);
        var key = KeyOf(input);
        if (TryGet(key, out var scores))
        {
            return scores;
        }

        scores = score(input);
        Add(key, scores);
        return scores;
    }

    /// <summary>The asynchronous <see cref="GetOrAdd"/>: <paramref name="score"/> runs only on a miss.</summary>
    public async ValueTask<double[]> GetOrAddAsync(string input, Func<string, CancellationToken, Task<double[]>> score,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(score);
        var key = KeyOf(input);
        if (TryGet(key, out var scores))
        {
            return scores;
        }

        scores = await score(input, cancellationToken).ConfigureAwait(false);
        Add(key, scores);
        return scores;
    }

    /// <summary>A copy of the scores kept for <paramref name="key"/>, if any.</summary>
    public bool TryGet(UInt128 key, out double[] scores)
    {
        lock (_lock)
        {
            _lookups++;
            if (_index.TryGetValue(key, out var node))
            {
                _hits++;
                _order.Remove(node);
                _order.AddFirst(node);
                scores = (double[])node.Value.Scores.Clone();
                return true;
            }
        }

        scores = [];
        return false;
    }

    /// <summary>Keeps a copy of <paramref name="scores"/> for <paramref name="key"/>.</summary>
    public void Add(UInt128 key, double[] scores)
    {
        var copy = (double[])scores.Clone();
        lock (_lock)
        {
            if (_index.TryGetValue(key, out var existing))
            {
                _order.Remove(existing);
                _index.Remove(key);
            }

            _index[key] = _order.AddFirst((key, copy));
            while (_index.Count > _capacity)
            {
                var last = _order.Last!;
                _order.RemoveLast();
                _index.Remove(last.Value.Key);
            }
        }
    }
}
