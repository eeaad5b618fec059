using System.ComponentModel.DataAnnotations;
using System.Net;
using SidecarGuard.Core.State;
using SidecarGuard.Core.Storage;
using StackExchange.Redis;

namespace SidecarGuard.Storage.Redis;

/// <summary>
/// A conversation store on Redis that several sidecars share. Each update reads the state, decides, and writes
/// state, turn and audit record in one MULTI/EXEC guarded by the state read (optimistic concurrency): a concurrent
/// change by another sidecar makes the transaction fail and the decision is re-run on the new state, so no update is
/// lost and no sidecar can answer ALLOW after another recorded an end. Within one process, updates of a conversation
/// also queue on a local lock to avoid needless conflicts. Durability follows the server's settings: with
/// <c>appendonly yes</c> and <c>appendfsync always</c>, an acknowledged end survives a crash.
/// </summary>
public sealed class RedisConversationStore : IConversationStore, IAsyncDisposable
{
    private const int LockStripes = 256;

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
                if (update.NewState is null && update.Turn is null && update.Audit is null)
                {
                    return update.Result;
                }

                if (await TryCommitAsync(keys, raw, update.NewState ?? current, update.Turn, update.Audit, cancellationToken).ConfigureAwait(false))
                {
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

    private async Task<bool> TryCommitAsync(RedisKeys keys, RedisValue expected, ConversationState? state, TurnRecord? turn, EndRecord? audit,
        CancellationToken cancellationToken) => await Call(async db =>
        {
            var primary = await _replicas.BeginWriteAsync(db, keys).ConfigureAwait(false);
            var transaction = db.CreateTransaction();
            transaction.AddCondition(expected.IsNull ? Condition.KeyNotExists(keys.State) : Condition.StringEqual(keys.State, expected));
            if (state is not null)
            {
                _ = transaction.StringSetAsync(keys.State, StateSerializer.Serialize(state), SetExpiration(state));
            }

            if (turn is not null)
            {
                _ = transaction.ListRightPushAsync(keys.Turns, StateSerializer.Serialize(turn));
            }

            if (state is not null)
            {
                ExpireTurns(transaction, keys, state);
            }

            if (audit is not null)
            {
                _ = transaction.ListRightPushAsync(keys.Audit, StateSerializer.Serialize(audit));
            }

            return await ExecuteConfirmedAsync(transaction, primary).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);

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
