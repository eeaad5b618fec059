using System.Collections.Concurrent;
using SidecarGuard.Core.State;

namespace SidecarGuard.Core.Storage;

/// <summary>
/// A process-local store: fast, lost on exit. Used by <c>replay</c>, by tests and by apps that embed the guard
/// without durability needs. Updates of one conversation are serialised by a per-conversation lock. Conversations
/// are keyed by tenant and id; the views of every tenant share one dictionary.
/// </summary>
public sealed class InMemoryConversationStore : IConversationStore
{
    private readonly ConcurrentDictionary<(string Tenant, string Id), Entry> _conversations;
    private readonly AuditSequence _sequence;
    private readonly ConcurrentDictionary<(string Tenant, long Hour, string Kind, string Label), long> _tallies;

    /// <summary>An empty store, seen by <see cref="TenantName.Default"/>.</summary>
    public InMemoryConversationStore()
        : this(new ConcurrentDictionary<(string, string), Entry>(), new AuditSequence(), new(), TenantName.Default)
    {
    }

    private InMemoryConversationStore(ConcurrentDictionary<(string Tenant, string Id), Entry> conversations, AuditSequence sequence,
        ConcurrentDictionary<(string Tenant, long Hour, string Kind, string Label), long> tallies, string tenant)
    {
        _conversations = conversations;
        _sequence = sequence;
        _tallies = tallies;
        Tenant = tenant;
    }

    /// <summary>Number of conversations held, of every tenant.</summary>
    public int Count => _conversations.Count;

    /// <inheritdoc />
    public string Tenant { get; }

    /// <inheritdoc />
    public IConversationStore ForTenant(string tenant) =>
        new InMemoryConversationStore(_conversations, _sequence, _tallies, TenantName.Require(tenant, nameof(tenant)));

    /// <inheritdoc />
    public ValueTask<ConversationState?> GetAsync(string conversationId, CancellationToken cancellationToken)
    {
        if (!_conversations.TryGetValue((Tenant, conversationId), out var entry))
        {
            return ValueTask.FromResult<ConversationState?>(null);
        }

        lock (entry)
        {
            return ValueTask.FromResult(entry.State);
        }
    }

    /// <inheritdoc />
    public ValueTask<TResult> UpdateAsync<TResult>(string conversationId, Func<ConversationState?, StoreUpdate<TResult>> decide,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decide);
        cancellationToken.ThrowIfCancellationRequested();
        var entry = _conversations.GetOrAdd((Tenant, conversationId), static _ => new Entry());
        lock (entry)
        {
            var update = decide(entry.State);
            if (update.NewState is { } state)
            {
                entry.State = state;
            }

            if (update.Turn is { } turn)
            {
                entry.Turns.Add(turn);
            }

            if (update.Audit is { } audit)
            {
                entry.Audit.Add((audit, _sequence.Next()));
            }

            if (update.Feedback is { } feedback)
            {
                entry.Feedback.Add(feedback);
            }

            foreach (var tally in update.Tallies ?? [])
            {
                _tallies.AddOrUpdate((Tenant, tally.Hour, tally.Kind, tally.Label), 1, static (_, n) => n + 1);
            }

            return ValueTask.FromResult(update.Result);
        }
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<TurnRecord>> GetTurnsAsync(string conversationId, int count, CancellationToken cancellationToken)
    {
        if (!_conversations.TryGetValue((Tenant, conversationId), out var entry))
        {
            return ValueTask.FromResult<IReadOnlyList<TurnRecord>>([]);
        }

        lock (entry)
        {
            return ValueTask.FromResult<IReadOnlyList<TurnRecord>>([.. entry.Turns.Where(t => t.Index < count)]);
        }
    }

    /// <inheritdoc />
    public ValueTask<bool> TryCreateAsync(ConversationState state, IReadOnlyList<TurnRecord> turns, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        var entry = _conversations.GetOrAdd((Tenant, state.ConversationId), static _ => new Entry());
        lock (entry)
        {
            if (entry.State is not null)
            {
                return ValueTask.FromResult(false);
            }

            entry.State = state;
            entry.Turns.AddRange(turns);
            return ValueTask.FromResult(true);
        }
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<EndRecord>> GetAuditAsync(string conversationId, CancellationToken cancellationToken)
    {
        if (!_conversations.TryGetValue((Tenant, conversationId), out var entry))
        {
            return ValueTask.FromResult<IReadOnlyList<EndRecord>>([]);
        }

        lock (entry)
        {
            return ValueTask.FromResult<IReadOnlyList<EndRecord>>([.. entry.Audit.Select(a => a.Record)]);
        }
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<FeedbackRecord>> GetFeedbackAsync(string conversationId, CancellationToken cancellationToken)
    {
        if (!_conversations.TryGetValue((Tenant, conversationId), out var entry))
        {
            return ValueTask.FromResult<IReadOnlyList<FeedbackRecord>>([]);
        }

        lock (entry)
        {
            return ValueTask.FromResult<IReadOnlyList<FeedbackRecord>>([.. entry.Feedback]);
        }
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<TallyCount>> GetTalliesAsync(long fromHour, long toHour, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<TallyCount>>([.. _tallies
            .Where(t => t.Key.Tenant == Tenant && t.Key.Hour >= fromHour && t.Key.Hour < toHour)
            .Select(t => new TallyCount(t.Key.Hour, t.Key.Kind, t.Key.Label, t.Value))]);

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<(EndRecord Record, EndCursor Position)>> ListEndsAsync(EndQuery query, EndCursor? after, int limit,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var found = new List<(EndRecord Record, EndCursor Position)>();
        foreach (var ((tenant, _), entry) in _conversations)
        {
            if (tenant != Tenant)
            {
                continue;
            }

            lock (entry)
            {
                if (!EndFilter.Matches(query.Feedback, entry.Feedback))
                {
                    continue;
                }

                foreach (var (record, sequence) in entry.Audit)
                {
                    var position = EndCursor.At(record.EndedAt.ToUnixTimeMilliseconds(), sequence);
                    if (EndFilter.Matches(query, record) && (after is not { } cursor || cursor.IsFollowedBy(position.EndedAtMs, position.Key)))
                    {
                        found.Add((record, position));
                    }
                }
            }
        }

        return ValueTask.FromResult<IReadOnlyList<(EndRecord, EndCursor)>>(
            [.. found.OrderByDescending(f => f.Position.EndedAtMs).ThenByDescending(f => f.Position.Key, StringComparer.Ordinal).Take(limit)]);
    }

    private sealed class Entry
    {
        public ConversationState? State { get; set; }

        public List<TurnRecord> Turns { get; } = [];

        public List<(EndRecord Record, long Sequence)> Audit { get; } = [];

        public List<FeedbackRecord> Feedback { get; } = [];
    }

    /// <summary>The order audit records were written in, shared by every tenant's view.</summary>
    private sealed class AuditSequence
    {
        private long _last;

        public long Next() => Interlocked.Increment(ref _last);
    }
}
