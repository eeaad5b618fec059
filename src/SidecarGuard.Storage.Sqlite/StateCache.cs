using SidecarGuard.Core.State;

namespace SidecarGuard.Storage.Sqlite;

/// <summary>
/// The writer's memory of recently written conversation states, so a turn does not read and parse its state back
/// from the file. Owned by the writer thread alone (no locks). Three layers keep it exactly in step with the file:
/// states written by the write in progress (dropped if its savepoint rolls back), states written by the batch in
/// progress (dropped if the batch fails to commit), and committed states. Committed states live in two generations
/// of at most <see cref="GenerationSize"/> each: when the young one fills up it becomes the old one and the old one
/// is dropped, an approximate least-recently-used bound. Another process writing the same file empties it (see
/// <see cref="SqliteStatements.BeginBatch"/>).
/// </summary>
internal sealed class StateCache
{
    /// <summary>
    /// States per generation: 4 096, so the cache holds at most about 8 000 states (a few megabytes), enough for the
    /// conversations active at once on one sidecar while keeping its footprint small.
    /// </summary>
    public const int GenerationSize = 4096;

    private readonly Dictionary<(string Tenant, string Id), ConversationState> _write = new();
    private readonly Dictionary<(string Tenant, string Id), ConversationState> _batch = new();
    private Dictionary<(string Tenant, string Id), ConversationState> _young = new();
    private Dictionary<(string Tenant, string Id), ConversationState> _old = new();

    /// <summary>The newest known state of the conversation <paramref name="key"/> names, if cached.</summary>
    public bool TryGet((string Tenant, string Id) key, out ConversationState state)
    {
        if (_write.TryGetValue(key, out state!) || _batch.TryGetValue(key, out state!) || _young.TryGetValue(key, out state!))
        {
            return true;
        }

        if (_old.Remove(key, out state!))
        {
            Commit(key, state); // still in use: move it to the young generation
            return true;
        }

        return false;
    }

    /// <summary>Records a state written by the write in progress.</summary>
    public void Written((string Tenant, string Id) key, ConversationState state) => _write[key] = state;

    /// <summary>The write in progress was released into the batch: its states belong to the batch now.</summary>
    public void WriteKept()
    {
        foreach (var (key, state) in _write)
        {
            _batch[key] = state;
        }

        _write.Clear();
    }

    /// <summary>The write in progress was rolled back: forget its states.</summary>
    public void WriteDropped() => _write.Clear();

    /// <summary>The batch committed: its states are durable and become the cached truth.</summary>
    public void BatchCommitted()
    {
        foreach (var (key, state) in _batch)
        {
            Commit(key, state);
        }

        _batch.Clear();
    }

    /// <summary>The batch failed: forget everything it wrote.</summary>
    public void BatchDropped()
    {
        _write.Clear();
        _batch.Clear();
    }

    /// <summary>Forgets every committed state (another process changed the file).</summary>
    public void Clear()
    {
        _young.Clear();
        _old.Clear();
    }

    private void Commit((string Tenant, string Id) key, ConversationState state)
    {
        _old.Remove(key);
        _young[key] = state;
        if (_young.Count >= GenerationSize)
        {
            (_old, _young) = (_young, _old);
            _young.Clear();
        }
    }
}
