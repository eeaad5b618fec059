using Microsoft.Data.Sqlite;
using SidecarGuard.Core.State;
using SidecarGuard.Core.Storage;

namespace SidecarGuard.Storage.Sqlite;

/// <summary>
/// A durable store on one SQLite file in WAL mode with <c>synchronous=FULL</c>: an update that returned survives a
/// process crash or power loss. Writes go through one connection, one transaction each (<c>BEGIN IMMEDIATE</c>, so
/// several processes sharing the file also serialise); reads use pooled connections and never block writers.
/// </summary>
public sealed class SqliteConversationStore : IConversationStore, IDisposable
{
    private readonly string _connectionString;
    private readonly SqliteConnection _writer;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly TimeProvider _time;

    /// <summary>Opens (and creates when missing) the database at <paramref name="path"/>.</summary>
    public SqliteConversationStore(string path, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        _time = time ?? TimeProvider.System;
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        _writer = Open();
        Execute(_writer, "PRAGMA journal_mode=WAL;");
        Execute(_writer, SqliteSchema.Create);
        Execute(_writer, $"PRAGMA user_version={SqliteSchema.Version};");
    }

    /// <inheritdoc />
    public async ValueTask<ConversationState?> GetAsync(string conversationId, CancellationToken cancellationToken)
    {
        await using var connection = Open();
        return await ReadStateAsync(connection, null, conversationId, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<TResult> UpdateAsync<TResult>(string conversationId, Func<ConversationState?, StoreUpdate<TResult>> decide,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decide);
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var transaction = (SqliteTransaction)await _writer.BeginTransactionAsync(System.Data.IsolationLevel.Serializable, cancellationToken)
                .ConfigureAwait(false);
            var current = await ReadStateAsync(_writer, transaction, conversationId, cancellationToken).ConfigureAwait(false);
            var update = decide(current);
            if (update.NewState is { } state)
            {
                await WriteStateAsync(transaction, state, cancellationToken).ConfigureAwait(false);
            }

            if (update.Turn is { } turn)
            {
                await WriteTurnAsync(transaction, conversationId, turn, cancellationToken).ConfigureAwait(false);
            }

            if (update.Audit is { } audit)
            {
                await WriteAuditAsync(transaction, audit, cancellationToken).ConfigureAwait(false);
            }

            // Commit regardless of cancellation: once decided, the update is either whole or absent.
            await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
            return update.Result;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<TurnRecord>> GetTurnsAsync(string conversationId, int count, CancellationToken cancellationToken)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT idx, turn_id, text_hash, action, state_after, text FROM turns WHERE conversation_id = $id AND idx < $count ORDER BY idx";
        command.Parameters.AddWithValue("$id", conversationId);
        command.Parameters.AddWithValue("$count", count);
        var turns = new List<TurnRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            turns.Add(new TurnRecord
            {
                Index = reader.GetInt32(0),
                TurnId = reader.IsDBNull(1) ? null : reader.GetString(1),
                TextHash = reader.GetString(2),
                Action = (TurnAction)reader.GetInt32(3),
                StateAfter = StateSerializer.DeserializeState((byte[])reader.GetValue(4)),
                Text = reader.IsDBNull(5) ? null : reader.GetString(5),
            });
        }

        return turns;
    }

    /// <inheritdoc />
    public async ValueTask<bool> TryCreateAsync(ConversationState state, IReadOnlyList<TurnRecord> turns, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(turns);
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var transaction = (SqliteTransaction)await _writer.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            if (await ReadStateAsync(_writer, transaction, state.ConversationId, cancellationToken).ConfigureAwait(false) is not null)
            {
                return false;
            }

            await WriteStateAsync(transaction, state, cancellationToken).ConfigureAwait(false);
            foreach (var turn in turns)
            {
                await WriteTurnAsync(transaction, state.ConversationId, turn, cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
            return true;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<EndRecord>> GetAuditAsync(string conversationId, CancellationToken cancellationToken)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT record FROM audit WHERE conversation_id = $id ORDER BY seq";
        command.Parameters.AddWithValue("$id", conversationId);
        var records = new List<EndRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            records.Add(StateSerializer.DeserializeEndRecord((byte[])reader.GetValue(0)));
        }

        return records;
    }

    /// <summary>Closes the write connection.</summary>
    public void Dispose()
    {
        _writer.Dispose();
        _writeLock.Dispose();
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        // Per connection: durable commits, and wait for another process's write lock instead of failing.
        Execute(connection, "PRAGMA synchronous=FULL; PRAGMA busy_timeout=30000;");
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static async ValueTask<ConversationState?> ReadStateAsync(SqliteConnection connection, SqliteTransaction? transaction,
        string conversationId, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT state FROM conversations WHERE id = $id";
        command.Parameters.AddWithValue("$id", conversationId);
        var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return value is byte[] json ? StateSerializer.DeserializeState(json) : null;
    }

    private async ValueTask WriteStateAsync(SqliteTransaction transaction, ConversationState state, CancellationToken cancellationToken)
    {
        await using var command = _writer.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO conversations (id, state, updated_at) VALUES ($id, $state, $now)
            ON CONFLICT (id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at
            """;
        command.Parameters.AddWithValue("$id", state.ConversationId);
        command.Parameters.AddWithValue("$state", StateSerializer.Serialize(state));
        command.Parameters.AddWithValue("$now", _time.GetUtcNow().ToUnixTimeMilliseconds());
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask WriteTurnAsync(SqliteTransaction transaction, string conversationId, TurnRecord turn, CancellationToken cancellationToken)
    {
        await using var command = _writer.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO turns (conversation_id, idx, turn_id, text_hash, action, state_after, text)
            VALUES ($id, $idx, $turnId, $hash, $action, $state, $text)
            """;
        command.Parameters.AddWithValue("$id", conversationId);
        command.Parameters.AddWithValue("$idx", turn.Index);
        command.Parameters.AddWithValue("$turnId", (object?)turn.TurnId ?? DBNull.Value);
        command.Parameters.AddWithValue("$hash", turn.TextHash);
        command.Parameters.AddWithValue("$action", (int)turn.Action);
        command.Parameters.AddWithValue("$state", StateSerializer.Serialize(turn.StateAfter));
        command.Parameters.AddWithValue("$text", (object?)turn.Text ?? DBNull.Value);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask WriteAuditAsync(SqliteTransaction transaction, EndRecord record, CancellationToken cancellationToken)
    {
        await using var command = _writer.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO audit (conversation_id, record) VALUES ($id, $record)";
        command.Parameters.AddWithValue("$id", record.ConversationId);
        command.Parameters.AddWithValue("$record", StateSerializer.Serialize(record));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
