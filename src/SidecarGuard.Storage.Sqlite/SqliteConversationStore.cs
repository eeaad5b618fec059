using Microsoft.Data.Sqlite;
using SidecarGuard.Core.State;
using SidecarGuard.Core.Storage;

namespace SidecarGuard.Storage.Sqlite;

/// <summary>
/// A durable store on one SQLite file in WAL mode with <c>synchronous=FULL</c>: an update that returned survives a
/// process crash or power loss. Writes are group-committed by one writer thread (see <see cref="SqliteWriter"/>) in
/// <c>BEGIN IMMEDIATE</c> transactions, so several processes sharing the file also serialise; reads use pooled
/// connections and never block the writer.
/// </summary>
public sealed class SqliteConversationStore : IConversationStore, IDisposable
{
    private readonly string _connectionString;
    private readonly SqliteConnection _connection;
    private readonly SqliteWriter _writer;

    /// <summary>Opens (and creates when missing) the database at <paramref name="path"/>.</summary>
    public SqliteConversationStore(string path, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
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
        _connection = Open();
        Execute(_connection, "PRAGMA journal_mode=WAL;");
        SqliteSchema.Apply(_connection);
        _writer = new SqliteWriter(_connection, time ?? TimeProvider.System);
    }

    /// <inheritdoc />
    public async ValueTask<ConversationState?> GetAsync(string conversationId, CancellationToken cancellationToken)
    {
        await using var connection = Open();
        return await ReadStateAsync(connection, null, conversationId, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public ValueTask<TResult> UpdateAsync<TResult>(string conversationId, Func<ConversationState?, StoreUpdate<TResult>> decide,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decide);
        var write = new PendingUpdate<TResult>(conversationId, decide, cancellationToken);
        _writer.Enqueue(write);
        return new ValueTask<TResult>(write.Task);
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
    public ValueTask<bool> TryCreateAsync(ConversationState state, IReadOnlyList<TurnRecord> turns, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(turns);
        var write = new PendingCreate(state, turns, cancellationToken);
        _writer.Enqueue(write);
        return new ValueTask<bool>(write.Task);
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

    /// <summary>Finishes queued writes and closes the write connection.</summary>
    public void Dispose()
    {
        _writer.Dispose();
        _connection.Dispose();
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
}
