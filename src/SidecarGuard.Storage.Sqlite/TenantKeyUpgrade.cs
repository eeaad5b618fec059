using Microsoft.Data.Sqlite;
using SidecarGuard.Core.State;
using SidecarGuard.Core.Storage;

namespace SidecarGuard.Storage.Sqlite;

/// <summary>
/// Layout 2 → 3: the tenant moves out of the records into the key. Layout 2 had one id column; a sidecar with API
/// keys stored a tenant's conversation as <c>tenant/id</c> and wrote that scoped id into the records too (state,
/// branch origin, end, each turn's state, audit). Ids never contain '/', so a stored id with one is split into its
/// tenant and the caller's id, and its records get the caller's ids back; an id without one belongs to the tenant the
/// file is opened for (the tenant of calls without a key). Rows keep their order (turn and audit sequence numbers);
/// ends get the time, reason and category columns that listings filter on.
/// </summary>
internal static class TenantKeyUpgrade
{
    private const string Rename = """
        DROP INDEX turns_by_conversation;
        DROP INDEX audit_by_conversation;
        ALTER TABLE conversations RENAME TO conversations_v2;
        ALTER TABLE turns RENAME TO turns_v2;
        ALTER TABLE audit RENAME TO audit_v2;
        """;

    private const string Drop = "DROP TABLE conversations_v2; DROP TABLE turns_v2; DROP TABLE audit_v2;";

    /// <summary>The statistics of the ends a layout-2 file already holds (refusals and SUPPORT turns were not kept).</summary>
    private const string CountEnds = """
        INSERT INTO tallies (tenant, hour, kind, label, count)
            SELECT tenant, ended_at / 3600000, 'end', CASE reason WHEN 1 THEN 'ABUSE' WHEN 2 THEN 'USER_REQUESTED' ELSE 'NONE' END, COUNT(*)
            FROM audit GROUP BY 1, 2, 3, 4;
        INSERT INTO tallies (tenant, hour, kind, label, count)
            SELECT tenant, ended_at / 3600000, 'end_category', COALESCE(category, 'none'), COUNT(*)
            FROM audit GROUP BY 1, 2, 3, 4;
        """;

    /// <summary>Moves every row of a layout-2 file into the layout <paramref name="create"/> makes.</summary>
    public static void Apply(SqliteConnection connection, SqliteTransaction transaction, string create, string tenant)
    {
        SqliteSchema.Execute(connection, transaction, Rename);
        SqliteSchema.Execute(connection, transaction, create);
        Copy(connection, transaction, "SELECT id, state, updated_at FROM conversations_v2",
            "INSERT INTO conversations (tenant, id, state, updated_at) VALUES ($1, $2, $3, $4)",
            row =>
            {
                var (owner, id, prefix) = Split(row.GetString(0), tenant);
                var state = (byte[])row.GetValue(1);
                return [owner, id, prefix is null ? state : StateSerializer.Serialize(Unscope(StateSerializer.DeserializeState(state), prefix)),
                    row.GetInt64(2)];
            });
        Copy(connection, transaction,
            "SELECT seq, conversation_id, idx, turn_id, text_hash, action, state_after, text FROM turns_v2 ORDER BY seq",
            "INSERT INTO turns (seq, tenant, conversation_id, idx, turn_id, text_hash, action, state_after, text) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            row =>
            {
                var (owner, id, prefix) = Split(row.GetString(1), tenant);
                var state = (byte[])row.GetValue(6);
                return [row.GetInt64(0), owner, id, row.GetInt64(2), row.GetValue(3), row.GetString(4), row.GetInt64(5),
                    prefix is null ? state : StateSerializer.Serialize(Unscope(StateSerializer.DeserializeState(state), prefix)), row.GetValue(7)];
            });
        Copy(connection, transaction, "SELECT seq, conversation_id, record FROM audit_v2 ORDER BY seq",
            "INSERT INTO audit (seq, tenant, conversation_id, ended_at, reason, category, record) VALUES ($1, $2, $3, $4, $5, $6, $7)",
            row =>
            {
                var (owner, id, prefix) = Split(row.GetString(1), tenant);
                var record = StateSerializer.DeserializeEndRecord((byte[])row.GetValue(2));
                if (prefix is not null)
                {
                    record = Unscope(record, prefix);
                }

                return [row.GetInt64(0), owner, id, record.EndedAt.ToUnixTimeMilliseconds(), (long)record.Reason,
                    (object?)record.Category ?? DBNull.Value, StateSerializer.Serialize(record)];
            });
        SqliteSchema.Execute(connection, transaction, CountEnds);
        SqliteSchema.Execute(connection, transaction, Drop);
    }

    /// <summary>A layout-2 id's tenant, the caller's id, and the prefix its records carry (null when they carry none).</summary>
    private static (string Tenant, string Id, string? Prefix) Split(string stored, string tenant)
    {
        var slash = stored.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? (tenant, stored, null) : (stored[..slash], stored[(slash + 1)..], stored[..(slash + 1)]);
    }

    private static string Unscope(string id, string prefix) => id.StartsWith(prefix, StringComparison.Ordinal) ? id[prefix.Length..] : id;

    private static ConversationState Unscope(ConversationState state, string prefix) => state with
    {
        ConversationId = Unscope(state.ConversationId, prefix),
        BranchedFrom = state.BranchedFrom is null ? null : Unscope(state.BranchedFrom, prefix),
        End = state.End is null ? null : Unscope(state.End, prefix),
    };

    private static EndRecord Unscope(EndRecord record, string prefix) => record with { ConversationId = Unscope(record.ConversationId, prefix) };

    private static void Copy(SqliteConnection connection, SqliteTransaction transaction, string select, string insert,
        Func<SqliteDataReader, object[]> convert)
    {
        using var read = connection.CreateCommand();
        read.Transaction = transaction;
        read.CommandText = select;
        using var write = connection.CreateCommand();
        write.Transaction = transaction;
        write.CommandText = insert;
        using var reader = read.ExecuteReader();
        while (reader.Read())
        {
            var values = convert(reader);
            if (write.Parameters.Count == 0)
            {
                for (var i = 0; i < values.Length; i++)
                {
                    write.Parameters.Add(new SqliteParameter { ParameterName = "$" + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) });
                }
            }

            for (var i = 0; i < values.Length; i++)
            {
                write.Parameters[i].Value = values[i];
            }

            write.ExecuteNonQuery();
        }
    }
}
