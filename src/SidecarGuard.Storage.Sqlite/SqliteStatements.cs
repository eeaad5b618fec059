using Microsoft.Data.Sqlite;
using SidecarGuard.Core.State;
using SidecarGuard.Core.Storage;

namespace SidecarGuard.Storage.Sqlite;

/// <summary>The writer's prepared statements, created once on its connection and reused for every write.</summary>
internal sealed class SqliteStatements : IDisposable
{
    private readonly SqliteCommand _readState;
    private readonly SqliteCommand _writeState;
    private readonly SqliteCommand _writeTurn;
    private readonly SqliteCommand _writeAudit;
    private readonly TimeProvider _time;

    public SqliteStatements(SqliteConnection connection, TimeProvider time)
    {
        _time = time;
        _readState = Prepare(connection, "SELECT state FROM conversations WHERE id = $id", "$id");
        _writeState = Prepare(connection, """
            INSERT INTO conversations (id, state, updated_at) VALUES ($id, $state, $now)
            ON CONFLICT (id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at
            """, "$id", "$state", "$now");
        _writeTurn = Prepare(connection, """
            INSERT INTO turns (conversation_id, idx, turn_id, text_hash, action, state_after, text)
            VALUES ($id, $idx, $turnId, $hash, $action, $state, $text)
            """, "$id", "$idx", "$turnId", "$hash", "$action", "$state", "$text");
        _writeAudit = Prepare(connection, "INSERT INTO audit (conversation_id, record) VALUES ($id, $record)", "$id", "$record");
    }

    /// <summary>The transaction the statements run in; set by the writer for each batch.</summary>
    public SqliteTransaction? Transaction
    {
        set
        {
            _readState.Transaction = value;
            _writeState.Transaction = value;
            _writeTurn.Transaction = value;
            _writeAudit.Transaction = value;
        }
    }

    public ConversationState? ReadState(string conversationId)
    {
        _readState.Parameters[0].Value = conversationId;
        return _readState.ExecuteScalar() is byte[] json ? StateSerializer.DeserializeState(json) : null;
    }

    public void WriteState(ConversationState state)
    {
        _writeState.Parameters[0].Value = state.ConversationId;
        _writeState.Parameters[1].Value = StateSerializer.Serialize(state);
        _writeState.Parameters[2].Value = _time.GetUtcNow().ToUnixTimeMilliseconds();
        _writeState.ExecuteNonQuery();
    }

    public void WriteTurn(string conversationId, TurnRecord turn)
    {
        var p = _writeTurn.Parameters;
        p[0].Value = conversationId;
        p[1].Value = turn.Index;
        p[2].Value = (object?)turn.TurnId ?? DBNull.Value;
        p[3].Value = turn.TextHash;
        p[4].Value = (int)turn.Action;
        p[5].Value = StateSerializer.Serialize(turn.StateAfter);
        p[6].Value = (object?)turn.Text ?? DBNull.Value;
        _writeTurn.ExecuteNonQuery();
    }

    public void WriteAudit(EndRecord record)
    {
        _writeAudit.Parameters[0].Value = record.ConversationId;
        _writeAudit.Parameters[1].Value = StateSerializer.Serialize(record);
        _writeAudit.ExecuteNonQuery();
    }

    public void Dispose()
    {
        _readState.Dispose();
        _writeState.Dispose();
        _writeTurn.Dispose();
        _writeAudit.Dispose();
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
