using Microsoft.Data.Sqlite;
using SidecarGuard.Core.State;
using SidecarGuard.Core.Storage;

namespace SidecarGuard.Storage.Sqlite;

/// <summary>
/// The writer's prepared statements, created once on its connection and reused for every write, and the state cache
/// that spares a turn from reading its conversation back.
/// </summary>
internal sealed class SqliteStatements : IDisposable
{
    private readonly StateCache _cache = new();
    private readonly SqliteCommand _dataVersion;
    private readonly SqliteCommand _savepoint;
    private readonly SqliteCommand _release;
    private readonly SqliteCommand _rollbackTo;
    private readonly SqliteCommand _readState;
    private readonly SqliteCommand _writeState;
    private readonly SqliteCommand _writeTurn;
    private readonly SqliteCommand _writeAudit;
    private readonly SqliteCommand _writeFeedback;
    private readonly SqliteCommand _writeTally;
    private readonly TimeProvider _time;
    private long _lastDataVersion = -1;

    public SqliteStatements(SqliteConnection connection, TimeProvider time)
    {
        _time = time;
        _dataVersion = Prepare(connection, "PRAGMA data_version");
        _savepoint = Prepare(connection, "SAVEPOINT w");
        _release = Prepare(connection, "RELEASE w");
        _rollbackTo = Prepare(connection, "ROLLBACK TO w");
        _readState = Prepare(connection, "SELECT state FROM conversations WHERE tenant = $tenant AND id = $id", "$tenant", "$id");
        _writeState = Prepare(connection, """
            INSERT INTO conversations (tenant, id, state, updated_at) VALUES ($tenant, $id, $state, $now)
            ON CONFLICT (tenant, id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at
            """, "$tenant", "$id", "$state", "$now");
        _writeTurn = Prepare(connection, """
            INSERT INTO turns (tenant, conversation_id, idx, turn_id, text_hash, action, state_after, text)
            VALUES ($tenant, $id, $idx, $turnId, $hash, $action, $state, $text)
            """, "$tenant", "$id", "$idx", "$turnId", "$hash", "$action", "$state", "$text");
        _writeAudit = Prepare(connection, """
            INSERT INTO audit (tenant, conversation_id, ended_at, reason, category, record)
            VALUES ($tenant, $id, $endedAt, $reason, $category, $record)
            """, "$tenant", "$id", "$endedAt", "$reason", "$category", "$record");
        _writeFeedback = Prepare(connection, "INSERT INTO feedback (tenant, conversation_id, verdict, record) VALUES ($tenant, $id, $verdict, $record)",
            "$tenant", "$id", "$verdict", "$record");
        _writeTally = Prepare(connection, """
            INSERT INTO tallies (tenant, hour, kind, label, count) VALUES ($tenant, $hour, $kind, $label, 1)
            ON CONFLICT (tenant, hour, kind, label) DO UPDATE SET count = count + 1
            """, "$tenant", "$hour", "$kind", "$label");
    }

    /// <summary>The transaction the statements run in; set by the writer for each batch.</summary>
    public SqliteTransaction? Transaction
    {
        set
        {
            _dataVersion.Transaction = value;
            _savepoint.Transaction = value;
            _release.Transaction = value;
            _rollbackTo.Transaction = value;
            _readState.Transaction = value;
            _writeState.Transaction = value;
            _writeTurn.Transaction = value;
            _writeAudit.Transaction = value;
            _writeFeedback.Transaction = value;
            _writeTally.Transaction = value;
        }
    }

    /// <summary>
    /// Starts a batch inside its write transaction. SQLite's <c>data_version</c> changes when another connection
    /// commits to the file; then the cached states may be stale, so they are forgotten.
    /// </summary>
    public void BeginBatch()
    {
        var version = (long)_dataVersion.ExecuteScalar()!;
        if (version != _lastDataVersion)
        {
            _cache.Clear();
            _lastDataVersion = version;
        }
    }

    /// <summary>The batch committed.</summary>
    public void BatchCommitted() => _cache.BatchCommitted();

    /// <summary>The batch failed to commit; everything it wrote is rolled back.</summary>
    public void BatchDropped() => _cache.BatchDropped();

    /// <summary>Starts one write inside the batch, under a savepoint.</summary>
    public void BeginWrite() => _savepoint.ExecuteNonQuery();

    /// <summary>Keeps the write in the batch.</summary>
    public void KeepWrite()
    {
        _release.ExecuteNonQuery();
        _cache.WriteKept();
    }

    /// <summary>Undoes the write alone.</summary>
    public void DropWrite()
    {
        _rollbackTo.ExecuteNonQuery();
        _release.ExecuteNonQuery();
        _cache.WriteDropped();
    }

    public ConversationState? ReadState(string tenant, string conversationId)
    {
        if (_cache.TryGet((tenant, conversationId), out var cached))
        {
            return cached;
        }

        _readState.Parameters[0].Value = tenant;
        _readState.Parameters[1].Value = conversationId;
        return _readState.ExecuteScalar() is byte[] json ? StateSerializer.DeserializeState(json) : null;
    }

    public void WriteState(string tenant, ConversationState state)
    {
        _cache.Written((tenant, state.ConversationId), state);
        _writeState.Parameters[0].Value = tenant;
        _writeState.Parameters[1].Value = state.ConversationId;
        _writeState.Parameters[2].Value = StateSerializer.Serialize(state);
        _writeState.Parameters[3].Value = _time.GetUtcNow().ToUnixTimeMilliseconds();
        _writeState.ExecuteNonQuery();
    }

    public void WriteTurn(string tenant, string conversationId, TurnRecord turn)
    {
        var p = _writeTurn.Parameters;
        p[0].Value = tenant;
        p[1].Value = conversationId;
        p[2].Value = turn.Index;
        p[3].Value = (object?)turn.TurnId ?? DBNull.Value;
        p[4].Value = turn.TextHash;
        p[5].Value = (int)turn.Action;
        p[6].Value = StateSerializer.Serialize(turn.StateAfter);
        p[7].Value = (object?)turn.Text ?? DBNull.Value;
        _writeTurn.ExecuteNonQuery();
    }

    public void WriteAudit(string tenant, EndRecord record)
    {
        var p = _writeAudit.Parameters;
        p[0].Value = tenant;
        p[1].Value = record.ConversationId;
        p[2].Value = record.EndedAt.ToUnixTimeMilliseconds();
        p[3].Value = (int)record.Reason;
        p[4].Value = (object?)record.Category ?? DBNull.Value;
        p[5].Value = StateSerializer.Serialize(record);
        _writeAudit.ExecuteNonQuery();
    }

    public void WriteFeedback(string tenant, FeedbackRecord record)
    {
        var p = _writeFeedback.Parameters;
        p[0].Value = tenant;
        p[1].Value = record.ConversationId;
        p[2].Value = (int)record.Verdict;
        p[3].Value = StateSerializer.Serialize(record);
        _writeFeedback.ExecuteNonQuery();
    }

    public void WriteTally(string tenant, Tally tally)
    {
        var p = _writeTally.Parameters;
        p[0].Value = tenant;
        p[1].Value = tally.Hour;
        p[2].Value = tally.Kind;
        p[3].Value = tally.Label;
        _writeTally.ExecuteNonQuery();
    }

    public void Dispose()
    {
        _dataVersion.Dispose();
        _savepoint.Dispose();
        _release.Dispose();
        _rollbackTo.Dispose();
        _readState.Dispose();
        _writeState.Dispose();
        _writeTurn.Dispose();
        _writeAudit.Dispose();
        _writeFeedback.Dispose();
        _writeTally.Dispose();
    }

    private static SqliteCommand Prepare(SqliteConnection connection, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name, Value = DBNull.Value });
        }

        return command;
    }
}
