using System.ComponentModel.DataAnnotations;
using System.Net;
using SidecarGuard.Core.State;
using SidecarGuard.Core.Storage;
using StackExchange.Redis;

namespace SidecarGuard.Storage.Redis;

/// <summary>
/// A conversation store on Redis that several sidecars share. Each update reads the state, decides, and writes
/// state, turn and audit record with one atomic compare-and-set script (<see cref="RedisCommitScript"/>; optimistic
/// concurrency): a concurrent change by another sidecar makes the script write nothing and the decision is re-run on
/// the new state, so no update is lost and no sidecar can answer ALLOW after another recorded an end. Within one
/// process, updates of a conversation also queue on a local lock to avoid needless conflicts. Durability follows the server's settings: with
/// <c>appendonly yes</c> and <c>appendfsync always</c>, an acknowledged end survives a crash.
/// </summary>
public sealed class RedisConversationStore : IConversationStore, IAsyncDisposable
{
    private const int LockStripes = 256;

    /// <summary>How long the key written to confirm an unchanged answer on the replicas lives (see <see cref="ConfirmUnchangedAsync"/>).</summary>
    private static readonly TimeSpan BarrierLifetime = TimeSpan.FromMinutes(1);

    private readonly RedisStoreOptions _options;
    private readonly ConnectionMultiplexer _connection;
    private readonly SemaphoreSlim[] _locks;
    private readonly ReplicaConfirmation _replicas;
    private readonly bool _ownsConnection;

    private RedisConversationStore(RedisStoreOptions options, ConnectionMultiplexer connection)
    {
        _options = options;
        _connection = connection;
        _locks = [.. Enumerable.Range(0, LockStripes).Select(_ => new SemaphoreSlim(1, 1))];
        _replicas = new ReplicaConfirmation(connection, options);
        _ownsConnection = true;
        Tenant = options.Tenant;
    }

    private RedisConversationStore(RedisConversationStore opened, string tenant)
    {
        _options = opened._options;
        _connection = opened._connection;
        _locks = opened._locks;
        _replicas = opened._replicas;
        Tenant = tenant;
    }

    /// <inheritdoc />
    public string Tenant { get; }

    /// <inheritdoc />
    public IConversationStore ForTenant(string tenant) => new RedisConversationStore(this, TenantName.Require(tenant, nameof(tenant)));

    /// <summary>
    /// Connects to Redis. The connection is established in the background when Redis is down at start, so the
    /// sidecar starts and reports NOT_SERVING until Redis answers.
    /// </summary>
    public static async Task<RedisConversationStore> ConnectAsync(RedisStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Validator.ValidateObject(options, new ValidationContext(options), validateAllProperties: true);
        var configuration = ConfigurationOptions.Parse(options.Configuration);
        configuration.AbortOnConnectFail = false;
        var timeout = (int)Math.Max(100, options.OperationTimeout.TotalMilliseconds);
        configuration.ConnectTimeout = Math.Max(timeout, 2000);
        configuration.SyncTimeout = timeout;
        configuration.AsyncTimeout = timeout;
        configuration.ConnectRetry = 1;
        configuration.ReconnectRetryPolicy = new LinearRetry(250);
        // While the connection is down, commands fail at once instead of waiting in a backlog for the timeout:
        // callers get UNAVAILABLE in milliseconds during an outage, and the timeout only bounds a server that hangs.
        configuration.BacklogPolicy = BacklogPolicy.FailFast;
        configuration.ClientName = "sidecarguard";
        var connection = await ConnectionMultiplexer.ConnectAsync(configuration).ConfigureAwait(false);
        return new RedisConversationStore(options, connection);
    }

    /// <summary>Whether Redis answers a PING now.</summary>
    public async ValueTask<bool> PingAsync()
    {
        try
        {
            await _connection.GetDatabase().PingAsync().ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (IsUnavailable(e))
        {
            return false;
        }
    }

    /// <inheritdoc />
    public async ValueTask<ConversationState?> GetAsync(string conversationId, CancellationToken cancellationToken)
    {
        var keys = RedisKeys.For(_options.KeyPrefix, Tenant, conversationId);
        var raw = await Call(db => db.StringGetAsync(keys.State), cancellationToken).ConfigureAwait(false);
        return raw.IsNull ? null : StateSerializer.DeserializeState((byte[])raw!);
    }

    /// <inheritdoc />
    public async ValueTask<TResult> UpdateAsync<TResult>(string conversationId, Func<ConversationState?, StoreUpdate<TResult>> decide,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decide);
        var keys = RedisKeys.For(_options.KeyPrefix, Tenant, conversationId);
        var gate = _locks[(uint)HashCode.Combine(Tenant, conversationId) % LockStripes];
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            for (var attempt = 0; attempt < _options.MaxConflictRetries; attempt++)
            {
                var raw = await Call(db => db.StringGetAsync(keys.State), cancellationToken).ConfigureAwait(false);
                var current = raw.IsNull ? null : StateSerializer.DeserializeState((byte[])raw!);
                var update = decide(current);
                if (update.NewState is null && update.Turn is null && update.Audit is null && update.Feedback is null)
                {
                    if (await ConfirmUnchangedAsync(keys, raw, cancellationToken).ConfigureAwait(false))
                    {
                        await CountAsync(update.Tallies, cancellationToken).ConfigureAwait(false);
                        return update.Result;
                    }

                    // The conversation changed (or a failover lost what we read) before it could be confirmed: decide again.
                    continue;
                }

                if (update.Audit is { } end)
                {
                    await IndexEndAsync(end, cancellationToken).ConfigureAwait(false);
                }

                if (await TryCommitAsync(keys, raw, update.NewState ?? current, update, cancellationToken).ConfigureAwait(false))
                {
                    await CountAsync(update.Tallies, cancellationToken).ConfigureAwait(false);
                    return update.Result;
                }

                // Another sidecar changed the conversation between our read and write: decide again on its state.
                await Task.Delay(Random.Shared.Next(1, 4 + Math.Min(attempt, 20)), cancellationToken).ConfigureAwait(false);
            }

            throw new StoreUnavailableException(
                $"Conversation '{conversationId}' changed {_options.MaxConflictRetries} times during one update; try again.");
        }
        finally
        {
            gate.Release();
        }
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<TurnRecord>> GetTurnsAsync(string conversationId, int count, CancellationToken cancellationToken)
    {
        if (count <= 0)
        {
            return [];
        }

        var keys = RedisKeys.For(_options.KeyPrefix, Tenant, conversationId);
        var values = await Call(db => db.ListRangeAsync(keys.Turns, 0, count - 1), cancellationToken).ConfigureAwait(false);
        return [.. values.Select(v => StateSerializer.DeserializeTurn((byte[])v!))];
    }

    /// <inheritdoc />
    public async ValueTask<bool> TryCreateAsync(ConversationState state, IReadOnlyList<TurnRecord> turns, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(turns);
        var keys = RedisKeys.For(_options.KeyPrefix, Tenant, state.ConversationId);
        return await Call(async db =>
        {
            var primary = await _replicas.BeginWriteAsync(db, keys).ConfigureAwait(false);
            var transaction = db.CreateTransaction();
            transaction.AddCondition(Condition.KeyNotExists(keys.State));
            _ = transaction.KeyDeleteAsync(keys.Turns);
            _ = transaction.StringSetAsync(keys.State, StateSerializer.Serialize(state), SetExpiration(state));
            if (turns.Count > 0)
            {
                _ = transaction.ListRightPushAsync(keys.Turns, [.. turns.Select(t => (RedisValue)StateSerializer.Serialize(t))]);
                ExpireTurns(transaction, keys, state);
            }

            return await ExecuteConfirmedAsync(transaction, primary).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<EndRecord>> GetAuditAsync(string conversationId, CancellationToken cancellationToken)
    {
        var keys = RedisKeys.For(_options.KeyPrefix, Tenant, conversationId);
        var values = await Call(db => db.ListRangeAsync(keys.Audit), cancellationToken).ConfigureAwait(false);
        return [.. values.Select(v => StateSerializer.DeserializeEndRecord((byte[])v!))];
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<FeedbackRecord>> GetFeedbackAsync(string conversationId, CancellationToken cancellationToken)
    {
        var keys = RedisKeys.For(_options.KeyPrefix, Tenant, conversationId);
        var values = await Call(db => db.ListRangeAsync(keys.Feedback), cancellationToken).ConfigureAwait(false);
        return [.. values.Select(v => StateSerializer.DeserializeFeedback((byte[])v!))];
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<(EndRecord Record, EndCursor Position)>> ListEndsAsync(EndQuery query, EndCursor? after, int limit,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        const int Chunk = 256;
        var index = RedisKeys.Ends(_options.KeyPrefix, Tenant);
        var min = query.From?.ToUnixTimeMilliseconds() ?? double.NegativeInfinity;
        var max = Math.Min(after?.EndedAtMs ?? double.PositiveInfinity, query.To is { } to ? to.ToUnixTimeMilliseconds() - 1 : double.PositiveInfinity);
        var found = new List<(EndRecord, EndCursor)>();
        for (long skip = 0; found.Count < limit; skip += Chunk)
        {
            var entries = await Call(db => db.SortedSetRangeByScoreWithScoresAsync(index, min, max, Exclude.None, Order.Descending, skip, Chunk),
                cancellationToken).ConfigureAwait(false);
            foreach (var entry in entries)
            {
                var member = (string)entry.Element!;
                var at = (long)entry.Score;
                if (after is { } cursor && !cursor.IsFollowedBy(at, member))
                {
                    continue;
                }

                if (await ReadIndexedEndAsync(member, at, query, cancellationToken).ConfigureAwait(false) is { } record)
                {
                    found.Add((record, new EndCursor(at, member)));
                    if (found.Count == limit)
                    {
                        break;
                    }
                }
            }

            if (entries.Length < Chunk)
            {
                break;
            }
        }

        return found;
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<TallyCount>> GetTalliesAsync(long fromHour, long toHour, CancellationToken cancellationToken)
    {
        var counts = new List<TallyCount>();
        if (toHour <= fromHour)
        {
            return counts;
        }

        var days = Enumerable.Range(0, (int)Math.Min(int.MaxValue, ((toHour - 1) / 24) - (fromHour / 24) + 1)).Select(d => (fromHour / 24) + d);
        var hashes = await Call(db => Task.WhenAll(days.Select(day => db.HashGetAllAsync(RedisKeys.Tallies(_options.KeyPrefix, Tenant, day)))),
            cancellationToken).ConfigureAwait(false);
        foreach (var entry in hashes.SelectMany(h => h))
        {
            var parts = ((string)entry.Name!).Split('|', 3);
            if (parts.Length == 3 && long.TryParse(parts[0], System.Globalization.CultureInfo.InvariantCulture, out var hour)
                && hour >= fromHour && hour < toHour)
            {
                counts.Add(new TallyCount(hour, parts[1], parts[2], (long)entry.Value));
            }
        }

        return counts;
    }

    /// <summary>
    /// Counts an update's events once it has committed. Best effort: the update stands even when Redis fails right
    /// after it (a retried call must not apply it twice), so the statistics can then miss an event.
    /// </summary>
    private async Task CountAsync(IReadOnlyList<Tally>? tallies, CancellationToken cancellationToken)
    {
        if (tallies is not { Count: > 0 })
        {
            return;
        }

        try
        {
            await Call(db => Task.WhenAll(tallies.Select(t => db.HashIncrementAsync(RedisKeys.Tallies(_options.KeyPrefix, Tenant, t.Hour / 24),
                string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{t.Hour}|{t.Kind}|{t.Label}")))), cancellationToken).ConfigureAwait(false);
        }
        catch (StoreUnavailableException)
        {
            // See above: the committed update is what matters.
        }
    }

    /// <summary>Adds an end to its tenant's index before the transaction that records it (see <see cref="RedisKeys.Ends"/>).</summary>
    private Task<bool> IndexEndAsync(EndRecord end, CancellationToken cancellationToken)
    {
        var at = end.EndedAt.ToUnixTimeMilliseconds();
        return Call(db => db.SortedSetAddAsync(RedisKeys.Ends(_options.KeyPrefix, Tenant), IndexMember(end.ConversationId, at), at), cancellationToken);
    }

    private static string IndexMember(string conversationId, long endedAtMs) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{conversationId}|{endedAtMs}");

    /// <summary>The end an index entry names, if its transaction committed and it passes the query's filters.</summary>
    private async Task<EndRecord?> ReadIndexedEndAsync(string member, long endedAtMs, EndQuery query, CancellationToken cancellationToken)
    {
        var conversationId = member[..member.LastIndexOf('|')];
        var record = (await GetAuditAsync(conversationId, cancellationToken).ConfigureAwait(false))
            .FirstOrDefault(r => r.EndedAt.ToUnixTimeMilliseconds() == endedAtMs);
        if (record is null || !EndFilter.Matches(query, record))
        {
            return null;
        }

        return query.Feedback == EndFeedbackFilter.Any
            || EndFilter.Matches(query.Feedback, await GetFeedbackAsync(conversationId, cancellationToken).ConfigureAwait(false))
            ? record
            : null;
    }

    /// <summary>Closes the connection (a tenant's view leaves it to the store that was opened).</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_ownsConnection)
        {
            return;
        }

        await _connection.CloseAsync().ConfigureAwait(false);
        await _connection.DisposeAsync().ConfigureAwait(false);
        foreach (var gate in _locks)
        {
            gate.Dispose();
        }
    }

    private async Task<bool> TryCommitAsync<TResult>(RedisKeys keys, RedisValue expected, ConversationState? state, StoreUpdate<TResult> update,
        CancellationToken cancellationToken) => await Call(async db =>
        {
            var primary = await _replicas.BeginWriteAsync(db, keys).ConfigureAwait(false);
            // State and turns expire together; an ended conversation's never do.
            var expiry = state is null ? null : Expiry(state);
            var writes = new RedisCommitScript.Writes(
                State: state is null ? null : StateSerializer.Serialize(state),
                StateExpiry: expiry,
                Turn: update.Turn is { } turn ? StateSerializer.Serialize(turn) : null,
                TurnsExpiry: expiry,
                PersistTurns: state is not null && expiry is null && _options.ConversationTtl is not null,
                Audit: update.Audit is { } audit ? StateSerializer.Serialize(audit) : null,
                Feedback: update.Feedback is { } feedback ? StateSerializer.Serialize(feedback) : null);
            if (!await RedisCommitScript.RunAsync(db, keys, expected, writes).ConfigureAwait(false))
            {
                return false;
            }

            await _replicas.ConfirmAsync(primary).ConfigureAwait(false);
            return true;
        }, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// An answer that changes nothing still reports what it read: a retried end answered "already ended" acknowledges
    /// an end that may have reached the primary without a replica (the first attempt's <c>WAIT</c> timed out, or another
    /// sidecar wrote it). With replica acknowledgements asked for, the answer waits like a write: a small write to the
    /// conversation's slot, made only if the state is still what was read, then <c>WAIT</c>. Replication keeps a
    /// primary's order, so replicas that have that write have everything written before it, the state read included.
    /// False when the state changed in between: the caller decides again on the new one.
    /// </summary>
    private async Task<bool> ConfirmUnchangedAsync(RedisKeys keys, RedisValue read, CancellationToken cancellationToken)
    {
        if (_options.ReplicaAcknowledgements == 0)
        {
            return true;
        }

        return await Call(async db =>
        {
            var primary = await _replicas.BeginWriteAsync(db, keys).ConfigureAwait(false);
            var transaction = db.CreateTransaction();
            transaction.AddCondition(read.IsNull ? Condition.KeyNotExists(keys.State) : Condition.StringEqual(keys.State, read));
            _ = transaction.StringSetAsync(keys.Barrier, 1, BarrierLifetime);
            return await ExecuteConfirmedAsync(transaction, primary).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Executes a write transaction; with replica acknowledgements asked for, confirms it on the replicas.</summary>
    private async Task<bool> ExecuteConfirmedAsync(ITransaction transaction, EndPoint? primary)
    {
        if (!await transaction.ExecuteAsync().ConfigureAwait(false))
        {
            return false;
        }

        await _replicas.ConfirmAsync(primary).ConfigureAwait(false);
        return true;
    }

    // A plain SET (no expiry) also clears a TTL the key had, which is what an end needs.
    private Expiration SetExpiration(ConversationState state) => Expiry(state) is { } ttl ? ttl : Expiration.Default;

    private TimeSpan? Expiry(ConversationState state) =>
        state.Status == ConversationStatus.Ended ? null : _options.ConversationTtl;

    private void ExpireTurns(ITransaction transaction, RedisKeys keys, ConversationState state)
    {
        if (Expiry(state) is { } ttl)
        {
            _ = transaction.KeyExpireAsync(keys.Turns, ttl);
        }
        else if (_options.ConversationTtl is not null)
        {
            _ = transaction.KeyPersistAsync(keys.Turns);
        }
    }

    private async Task<T> Call<T>(Func<IDatabase, Task<T>> operation, CancellationToken cancellationToken)
    {
        try
        {
            return await operation(_connection.GetDatabase()).WaitAsync(_options.OperationTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (IsUnavailable(e))
        {
            throw new StoreUnavailableException($"Redis did not answer: {e.Message}", e);
        }
    }

    private static bool IsUnavailable(Exception e) =>
        e is RedisConnectionException or RedisTimeoutException or TimeoutException or ObjectDisposedException
        || (e is RedisServerException server && (server.Message.StartsWith("LOADING", StringComparison.Ordinal)
            || server.Message.StartsWith("MASTERDOWN", StringComparison.Ordinal)
            || server.Message.StartsWith("TRYAGAIN", StringComparison.Ordinal)
            || server.Message.StartsWith("CLUSTERDOWN", StringComparison.Ordinal)));
}
