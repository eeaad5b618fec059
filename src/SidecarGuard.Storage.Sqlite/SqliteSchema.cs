using Microsoft.Data.Sqlite;

namespace SidecarGuard.Storage.Sqlite;

/// <summary>
/// The database layout and its upgrades. State is one JSON document a conversation; turns and ends are append-only.
/// <c>PRAGMA user_version</c> records the layout version; opening a file brings it up to <see cref="Version"/>, one
/// version at a time, in one write transaction.
/// </summary>
internal static class SqliteSchema
{
    /// <summary>
    /// The current layout. Version 3 keys every row by (tenant, id): tenants are kept apart by the key, and the
    /// records hold the ids callers use; ends are indexed by time (with their reason and category) for listings,
    /// feedback on conversations has its own table, and the statistics count events per tenant, hour, kind and label. Version 2 kept turns in a rowid table in arrival order with a unique index on
    /// (conversation, index), so turns of many conversations written together land on the same few pages.
    /// </summary>
    public const int Version = 3;

    /// <summary>The turns table, in arrival order, with its unique index on (tenant, conversation, index).</summary>
    private const string Turns = """
        CREATE TABLE turns (
            seq             INTEGER PRIMARY KEY,
            tenant          TEXT NOT NULL,
            conversation_id TEXT NOT NULL,
            idx             INTEGER NOT NULL,
            turn_id         TEXT NULL,
            text_hash       TEXT NOT NULL,
            action          INTEGER NOT NULL,
            state_after     BLOB NOT NULL,
            text            TEXT NULL
        );
        CREATE UNIQUE INDEX turns_by_conversation ON turns (tenant, conversation_id, idx);
        """;

    private const string Create = $$"""
        CREATE TABLE conversations (
            tenant     TEXT NOT NULL,
            id         TEXT NOT NULL,
            state      BLOB NOT NULL,
            updated_at INTEGER NOT NULL,
            PRIMARY KEY (tenant, id)
        ) WITHOUT ROWID;
        {{Turns}}
        CREATE TABLE audit (
            seq             INTEGER PRIMARY KEY AUTOINCREMENT,
            tenant          TEXT NOT NULL,
            conversation_id TEXT NOT NULL,
            ended_at        INTEGER NOT NULL,
            reason          INTEGER NOT NULL,
            category        TEXT NULL,
            record          BLOB NOT NULL
        );
        CREATE INDEX audit_by_conversation ON audit (tenant, conversation_id);
        CREATE INDEX audit_by_time ON audit (tenant, ended_at, seq);
        CREATE TABLE feedback (
            seq             INTEGER PRIMARY KEY AUTOINCREMENT,
            tenant          TEXT NOT NULL,
            conversation_id TEXT NOT NULL,
            verdict         INTEGER NOT NULL,
            record          BLOB NOT NULL
        );
        CREATE INDEX feedback_by_conversation ON feedback (tenant, conversation_id);
        CREATE TABLE tallies (
            tenant TEXT NOT NULL,
            hour   INTEGER NOT NULL,
            kind   TEXT NOT NULL,
            label  TEXT NOT NULL,
            count  INTEGER NOT NULL,
            PRIMARY KEY (tenant, hour, kind, label)
        ) WITHOUT ROWID;
        """;

    /// <summary>Version 1 → 2: the turns move, in (conversation, index) order, into a table in arrival order.</summary>
    private const string UpgradeFrom1 = """
        ALTER TABLE turns RENAME TO turns_v1;
        CREATE TABLE turns (
            seq             INTEGER PRIMARY KEY,
            conversation_id TEXT NOT NULL,
            idx             INTEGER NOT NULL,
            turn_id         TEXT NULL,
            text_hash       TEXT NOT NULL,
            action          INTEGER NOT NULL,
            state_after     BLOB NOT NULL,
            text            TEXT NULL
        );
        INSERT INTO turns (conversation_id, idx, turn_id, text_hash, action, state_after, text)
            SELECT conversation_id, idx, turn_id, text_hash, action, state_after, text FROM turns_v1 ORDER BY conversation_id, idx;
        DROP TABLE turns_v1;
        CREATE UNIQUE INDEX turns_by_conversation ON turns (conversation_id, idx);
        """;

    /// <summary>
    /// Creates the tables of a new file or upgrades an older one, in one write transaction (so several processes
    /// opening the file at once upgrade it once). A file from a newer version is refused rather than misread.
    /// </summary>
    /// <param name="connection">The open connection.</param>
    /// <param name="tenant">The tenant that a version-2 file's conversations without a tenant are given.</param>
    public static void Apply(SqliteConnection connection, string tenant)
    {
        using var transaction = connection.BeginTransaction(deferred: false);
        var version = Convert.ToInt32(Scalar(connection, transaction, "PRAGMA user_version;"), System.Globalization.CultureInfo.InvariantCulture);
        if (version == Version)
        {
            return;
        }

        if (version > Version)
        {
            throw new InvalidOperationException(
                $"The database was written by a newer SidecarGuard (layout version {version}; this version reads up to {Version}).");
        }

        if (version == 0)
        {
            Execute(connection, transaction, Create);
        }
        else
        {
            if (version == 1)
            {
                Execute(connection, transaction, UpgradeFrom1);
            }

            TenantKeyUpgrade.Apply(connection, transaction, Create, tenant);
        }

        Execute(connection, transaction, $"PRAGMA user_version={Version};");
        transaction.Commit();
    }

    internal static object? Scalar(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    internal static void Execute(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
