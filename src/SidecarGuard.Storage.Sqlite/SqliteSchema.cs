namespace SidecarGuard.Storage.Sqlite;

/// <summary>The database layout. State is one JSON document a conversation; turns and ends are append-only.</summary>
internal static class SqliteSchema
{
    public const int Version = 1;

    public const string Create = """
        CREATE TABLE IF NOT EXISTS conversations (
            id         TEXT PRIMARY KEY NOT NULL,
            state      BLOB NOT NULL,
            updated_at INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS turns (
            conversation_id TEXT NOT NULL,
            idx             INTEGER NOT NULL,
            turn_id         TEXT NULL,
            text_hash       TEXT NOT NULL,
            action          INTEGER NOT NULL,
            state_after     BLOB NOT NULL,
            text            TEXT NULL,
            PRIMARY KEY (conversation_id, idx)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS audit (
            seq             INTEGER PRIMARY KEY AUTOINCREMENT,
            conversation_id TEXT NOT NULL,
            record          BLOB NOT NULL
        );
        CREATE INDEX IF NOT EXISTS audit_by_conversation ON audit (conversation_id);
        """;
}
