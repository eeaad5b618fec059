using Microsoft.Data.Sqlite;
using SidecarGuard.Core.State;
using SidecarGuard.Core.Storage;

namespace SidecarGuard.Storage.Sqlite;

/// <summary>
/// A durable store on one SQLite file in WAL mode: an update that returned survives a crash of the process, and a power
/// loss as <see cref="SqliteSync"/> says (by default every write an end depends on does; <see cref="SqliteSync.Full"/>:
/// every write). Writes are group-committed by one writer thread (see <see cref="SqliteWriter"/>) in
/// <c>BEGIN IMMEDIATE</c> transactions, so several processes sharing the file also serialise; reads use pooled
/// connections and never block the writer. Every row is keyed by tenant and id (layout version 3).
/// </summary>
public sealed class SqliteConversationStore : IConversationStore, IDisposable
{
    private readonly string _connectionString;
    private readonly SqliteConnection? _connection;
    private readonly SqliteWriter _writer;
    private readonly WalFile? _log;

    /// <summary>
    /// How long an ordinary write may wait for the disk under <see cref="SqliteSync.Safety"/>: the most a power cut can
    /// take back of such writes.
    /// </summary>
    public static TimeSpan DeferredSyncInterval { get; } = TimeSpan.FromSeconds(1);

    /// <summary>Opens (and creates when missing) the database at <paramref name="path"/>.</summary>
    /// <param name="path">The database file.</param>
    /// <param name="time">The clock of <c>updated_at</c>; the system clock when omitted.</param>
    /// <param name="tenant">
    /// The tenant this store serves (others through <see cref="ForTenant"/>). A file written before tenants were part
    /// of the key (layout 2) gives its conversations without a tenant to this one when it is upgraded.
    /// </param>
    /// <param name="sync">When writes reach the disk before they are acknowledged (default: those an end depends on).</param>
    public SqliteConversationStore(string path, TimeProvider? time = null, string tenant = TenantName.Default, SqliteSync sync = SqliteSync.Safety)
        : this(path, time, tenant, sync, DeferredSyncInterval)
    {
    }

    internal SqliteConversationStore(string path, TimeProvider? time, string tenant, SqliteSync sync, TimeSpan deferredSyncInterval)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Tenant = TenantName.Require(tenant, nameof(tenant));
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
        var journal = Scalar(_connection, "PRAGMA journal_mode=WAL;");
        SqliteSchema.Apply(_connection, Tenant);
        // Without a write-ahead log (a file system that cannot share memory maps) every commit stays synchronous=FULL.
        if (sync == SqliteSync.Safety && string.Equals(journal, "wal", StringComparison.OrdinalIgnoreCase))
        {
            Execute(_connection, "PRAGMA synchronous=NORMAL;");
            _log = new WalFile(MainFile(_connection));
        }

        Sync = _log is null ? SqliteSync.Full : SqliteSync.Safety;
        _writer = new SqliteWriter(_connection, time ?? TimeProvider.System, _log, deferredSyncInterval);
    }

    private SqliteConversationStore(SqliteConversationStore opened, string tenant)
    {
        _connectionString = opened._connectionString;
        _writer = opened._writer;
        Sync = opened.Sync;
        Tenant = tenant;
    }

    /// <inheritdoc />
    public string Tenant { get; }

    /// <summary>When this store's writes reach the disk (<see cref="SqliteSync.Full"/> when the file has no write-ahead log).</summary>
    public SqliteSync Sync { get; }

    /// <summary>How many times the writer flushed the log itself (<see cref="SqliteSync.Safety"/>), for tests.</summary>
    internal long LogFlushes => _writer.LogFlushes;

    /// <inheritdoc />
    public IConversationStore ForTenant(string tenant) => new SqliteConversationStore(this, TenantName.Require(tenant, nameof(tenant)));

    /// <inheritdoc />
    public async ValueTask<ConversationState?> GetAsync(string conversationId, CancellationToken cancellationToken)
    {
        await using var connection = Open();
        return await ReadStateAsync(connection, conversationId, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public ValueTask<TResult> UpdateAsync<TResult>(string conversationId, Func<ConversationState?, StoreUpdate<TResult>> decide,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decide);
        var write = new PendingUpdate<TResult>(Tenant, conversationId, decide, cancellationToken);
        _writer.Enqueue(write);
        return new ValueTask<TResult>(write.Task);
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<TurnRecord>> GetTurnsAsync(string conversationId, int count, CancellationToken cancellationToken) =>
        await QueryAsync(
            "SELECT idx, turn_id, text_hash, action, state_after, text FROM turns WHERE tenant = $tenant AND conversation_id = $id AND idx < $count ORDER BY idx",
            reader => new TurnRecord
            {
                Index = reader.GetInt32(0),
                TurnId = reader.IsDBNull(1) ? null : reader.GetString(1),
                TextHash = reader.GetString(2),
                Action = (TurnAction)reader.GetInt32(3),
                StateAfter = StateSerializer.DeserializeState((byte[])reader.GetValue(4)),
                Text = reader.IsDBNull(5) ? null : reader.GetString(5),
            }, cancellationToken, ("$id", conversationId), ("$count", count)).ConfigureAwait(false);

    /// <inheritdoc />
    public ValueTask<bool> TryCreateAsync(ConversationState state, IReadOnlyList<TurnRecord> turns, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(turns);
        var write = new PendingCreate(Tenant, state, turns, cancellationToken);
        _writer.Enqueue(write);
        return new ValueTask<bool>(write.Task);
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<EndRecord>> GetAuditAsync(string conversationId, CancellationToken cancellationToken) =>
        await QueryAsync("SELECT record FROM audit WHERE tenant = $tenant AND conversation_id = $id ORDER BY seq",
            reader => StateSerializer.DeserializeEndRecord((byte[])reader.GetValue(0)), cancellationToken, ("$id", conversationId)).ConfigureAwait(false);

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<FeedbackRecord>> GetFeedbackAsync(string conversationId, CancellationToken cancellationToken) =>
        await QueryAsync("SELECT record FROM feedback WHERE tenant = $tenant AND conversation_id = $id ORDER BY seq",
            reader => StateSerializer.DeserializeFeedback((byte[])reader.GetValue(0)), cancellationToken, ("$id", conversationId)).ConfigureAwait(false);

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<(EndRecord Record, EndCursor Position)>> ListEndsAsync(EndQuery query, EndCursor? after, int limit,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var afterSeq = after?.Sequence;
        var sql = $"""
            SELECT seq, record FROM audit
            WHERE tenant = $tenant
              AND ($from IS NULL OR ended_at >= $from) AND ($to IS NULL OR ended_at < $to)
              AND ($reason = 0 OR reason = $reason) AND ($category IS NULL OR category = $category)
              AND ($afterAt IS NULL OR ended_at < $afterAt OR (ended_at = $afterAt AND seq < $afterSeq))
              {FeedbackClause(query.Feedback)}
            ORDER BY ended_at DESC, seq DESC
            LIMIT $limit
            """;
        return await QueryAsync(sql, reader =>
        {
            var record = StateSerializer.DeserializeEndRecord((byte[])reader.GetValue(1));
            return (record, EndCursor.At(record.EndedAt.ToUnixTimeMilliseconds(), reader.GetInt64(0)));
        }, cancellationToken,
            ("$from", query.From?.ToUnixTimeMilliseconds()), ("$to", query.To?.ToUnixTimeMilliseconds()), ("$reason", (int)query.Reason),
            ("$category", query.Category), ("$afterAt", after?.EndedAtMs), ("$afterSeq", afterSeq), ("$limit", limit)).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<TallyCount>> GetTalliesAsync(long fromHour, long toHour, CancellationToken cancellationToken) =>
        await QueryAsync("SELECT hour, kind, label, count FROM tallies WHERE tenant = $tenant AND hour >= $from AND hour < $to",
            reader => new TallyCount(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3)),
            cancellationToken, ("$from", fromHour), ("$to", toHour)).ConfigureAwait(false);

    /// <summary>
    /// Runs a read of this tenant's rows on a pooled connection (<c>$tenant</c> is bound to <see cref="Tenant"/>; a null
    /// parameter is SQL NULL) and maps every row.
    /// </summary>
    private async ValueTask<IReadOnlyList<T>> QueryAsync<T>(string sql, Func<SqliteDataReader, T> map, CancellationToken cancellationToken,
        params (string Name, object? Value)[] parameters)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$tenant", Tenant);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        var rows = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(map(reader));
        }

        return rows;
    }

    private static string FeedbackClause(EndFeedbackFilter filter)
    {
        const string Given = "SELECT 1 FROM feedback f WHERE f.tenant = audit.tenant AND f.conversation_id = audit.conversation_id";
        return filter switch
        {
            EndFeedbackFilter.None => $"AND NOT EXISTS ({Given})",
            EndFeedbackFilter.WithFeedback => $"AND EXISTS ({Given})",
            EndFeedbackFilter.MarkedWrong =>
                $"AND EXISTS ({Given} AND f.verdict IN ({(int)FeedbackVerdict.EndWasWrong}, {(int)FeedbackVerdict.SupportWasWrong}))",
            _ => "",
        };
    }

    /// <summary>Finishes queued writes and closes the write connection (a tenant's view leaves both to the opened store).</summary>
    public void Dispose()
    {
        if (_connection is null)
        {
            return;
        }

        _writer.Dispose();
        _connection.Dispose();
        _log?.Dispose();
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        // Per connection: durable commits, and wait for another process's write lock instead of failing.
        Execute(connection, "PRAGMA synchronous=FULL; PRAGMA busy_timeout=30000;");
        return connection;
    }

    /// <summary>The database file as SQLite resolved it (symbolic links followed), beside which it keeps the log.</summary>
    private static string MainFile(SqliteConnection connection) =>
        Scalar(connection, "SELECT file FROM pragma_database_list WHERE name = 'main'")
        ?? throw new InvalidOperationException("SQLite names no file for the main database.");

    private static string? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar() as string;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private async ValueTask<ConversationState?> ReadStateAsync(SqliteConnection connection, string conversationId,
        CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT state FROM conversations WHERE tenant = $tenant AND id = $id";
        command.Parameters.AddWithValue("$tenant", Tenant);
        command.Parameters.AddWithValue("$id", conversationId);
        var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return value is byte[] json ? StateSerializer.DeserializeState(json) : null;
    }
}
