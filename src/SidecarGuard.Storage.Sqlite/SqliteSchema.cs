using Microsoft.Data.Sqlite;

namespace SidecarGuard.Storage.Sqlite;

/// <summary>
/// The database layout and its upgrades. State is one JSON document a conversation; turns and ends are append-only.
/// <c>PRAGMA user_version</c> records the layout version; opening a file brings it up to <see cref="Version"/>.
/// </summary>
internal static class SqliteSchema
{
    /// <summary>
    /// The current layout. Version 2 keeps turns in a rowid table in arrival order with a unique index on
    /// (conversation, index): turns of many conversations written together then land on the same few pages, where
    /// version 1's table clustered by conversation spread each batch over a page per conversation.
    /// </summary>
    public const int Version = 2;

    /// <summary>The turns table, in arrival order; each layout adds its unique index on (conversation, index).</summary>
    private const string TurnsTable = """
        CREATE TABLE IF NOT EXISTS turns (
            seq             INTEGER PRIMARY KEY,
            conversation_id TEXT NOT NULL,
            idx             INTEGER NOT NULL,
            turn_id         TEXT NULL,
            text_hash       TEXT NOT NULL,
            action          INTEGER NOT NULL,
            state_after     BLOB NOT NULL,
            text            TEXT NULL
        );
        """;

    private const string Create = $$"""
        CREATE TABLE IF NOT EXISTS conversations (
            id         TEXT PRIMARY KEY NOT NULL,
            state      BLOB NOT NULL,
            updated_at INTEGER NOT NULL
        ) WITHOUT ROWID;
        {{TurnsTable}}
        CREATE UNIQUE INDEX IF NOT EXISTS turns_by_conversation ON turns (conversation_id, idx);
        CREATE TABLE IF NOT EXISTS audit (
            seq             INTEGER PRIMARY KEY AUTOINCREMENT,
            conversation_id TEXT NOT NULL,
            record          BLOB NOT NULL
        );
        CREATE INDEX IF NOT EXISTS audit_by_conversation ON audit (conversation_id);
        """;

    /// <summary>Version 1 → 2: the turns move, in (conversation, index) order, into the new table.</summary>
    private const string UpgradeFrom1 = $$"""
        ALTER TABLE turns RENAME TO turns_v1;
        {{TurnsTable}}
        INSERT INTO turns (conversation_id, idx, turn_id, text_hash, action, state_after, text)
            SELECT conversation_id, idx, turn_id, text_hash, action, state_after, text FROM turns_v1 ORDER BY conversation_id, idx;
        DROP TABLE turns_v1;
        CREATE UNIQUE INDEX turns_by_conversation ON turns (conversation_id, idx);
        """;

    /// <summary>
    /// Creates the tables of a new file or upgrades an older one, in one write transaction (so several processes
    /// opening the file at once upgrade it once). A file from a newer version is refused rather than misread.
    /// </summary>
    public static void Apply(SqliteConnection connection)
    {
        using var transaction = connection.BeginTransaction(deferred: false);
        var version = Convert.ToInt32(Scalar(connection, transaction, "PRAGMA user_version;"), System.Globalization.CultureInfo.InvariantCulture);
        switch (version)
        {
            case Version:
                return;
            case 0:
                Execute(connection, transaction, Create);
                break;
            case 1:
                Execute(connection, transaction, UpgradeFrom1);
                break;
            default:
                throw new InvalidOperationException(
                    $"The database was written by a newer SidecarGuard (layout version {version}; this version reads up to {Version}).");
        }

        Execute(connection, transaction, $"PRAGMA user_version={Version};");
        transaction.Commit();
    }

    private static object? Scalar(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
