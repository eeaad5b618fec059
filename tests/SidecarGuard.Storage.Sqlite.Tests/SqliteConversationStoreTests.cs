using SidecarGuard.Core.State;
using SidecarGuard.Core.Storage;
using SidecarGuard.Testing;

namespace SidecarGuard.Storage.Sqlite.Tests;

public sealed class SqliteConversationStoreTests : ConversationStoreConformanceTests
{
    private readonly string _directory = Directory.CreateTempSubdirectory("sg-sqlite-").FullName;

    private string DatabasePath => Path.Combine(_directory, "guard.db");

    protected override Task<IConversationStore> CreateStoreAsync() =>
        Task.FromResult<IConversationStore>(new SqliteConversationStore(DatabasePath));

    protected override async Task DisposeStoreAsync(IConversationStore store)
    {
        await base.DisposeStoreAsync(store);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public void A_Store_Opened_Without_A_Tenant_Serves_The_Default_One() => Assert.Equal(TenantName.Default, Store.Tenant);

    [Fact]
    public async Task State_Survives_Reopening_The_File()
    {
        await Store.UpdateAsync("durable", _ => new StoreUpdate<bool> { NewState = ConversationState.New("durable") with { TurnCount = 7 }, Result = true },
            CancellationToken.None);
        using var reopened = new SqliteConversationStore(DatabasePath);
        Assert.Equal(7, (await reopened.GetAsync("durable", CancellationToken.None))!.TurnCount);
    }

    [Fact]
    public async Task Two_Stores_On_One_File_Serialise_Their_Writes()
    {
        using var second = new SqliteConversationStore(DatabasePath);
        var stores = new IConversationStore[] { Store, second };
        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(() => stores[i % 2].UpdateAsync("shared", current =>
        {
            var state = current ?? ConversationState.New("shared");
            return new StoreUpdate<bool> { NewState = state with { TurnCount = state.TurnCount + 1 }, Result = true };
        }, CancellationToken.None).AsTask())));
        Assert.Equal(40, (await Store.GetAsync("shared", CancellationToken.None))!.TurnCount);
    }

    [Fact]
    public async Task A_Write_Rolled_Back_After_Its_State_Was_Written_Is_Not_Remembered()
    {
        var first = ConversationState.New("rollback") with { TurnCount = 1 };
        await Store.UpdateAsync("rollback", _ => new StoreUpdate<bool> { NewState = first, Turn = TurnAt(0, first), Result = true },
            CancellationToken.None);

        // The state row is written, then the turn row collides with turn 0: the savepoint undoes the whole write.
        var second = first with { TurnCount = 2 };
        await Assert.ThrowsAnyAsync<Exception>(() => Store.UpdateAsync("rollback",
            _ => new StoreUpdate<bool> { NewState = second, Turn = TurnAt(0, second), Result = true }, CancellationToken.None).AsTask());

        var seen = await Store.UpdateAsync("rollback", current => new StoreUpdate<int> { Result = current!.TurnCount }, CancellationToken.None);
        Assert.Equal(1, seen);
        Assert.Equal(1, (await Store.GetAsync("rollback", CancellationToken.None))!.TurnCount);
    }

    [Fact]
    public async Task A_Write_By_Another_Store_On_The_File_Is_Seen_By_The_Next_Update()
    {
        await Store.UpdateAsync("other", _ => new StoreUpdate<bool> { NewState = ConversationState.New("other") with { TurnCount = 1 }, Result = true },
            CancellationToken.None);
        using (var second = new SqliteConversationStore(DatabasePath))
        {
            await second.UpdateAsync("other", current => new StoreUpdate<bool> { NewState = current! with { TurnCount = 5 }, Result = true },
                CancellationToken.None);
        }

        var seen = await Store.UpdateAsync("other", current => new StoreUpdate<int> { Result = current!.TurnCount }, CancellationToken.None);
        Assert.Equal(5, seen);
    }

    [Fact]
    public async Task A_Version_1_File_Is_Upgraded_And_Keeps_Its_Turns()
    {
        var path = Path.Combine(_directory, "v1.db");
        var state = ConversationState.New("old") with { TurnCount = 2 };
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = """
                CREATE TABLE conversations (id TEXT PRIMARY KEY NOT NULL, state BLOB NOT NULL, updated_at INTEGER NOT NULL) WITHOUT ROWID;
                CREATE TABLE turns (conversation_id TEXT NOT NULL, idx INTEGER NOT NULL, turn_id TEXT NULL, text_hash TEXT NOT NULL,
                    action INTEGER NOT NULL, state_after BLOB NOT NULL, text TEXT NULL, PRIMARY KEY (conversation_id, idx)) WITHOUT ROWID;
                CREATE TABLE audit (seq INTEGER PRIMARY KEY AUTOINCREMENT, conversation_id TEXT NOT NULL, record BLOB NOT NULL);
                CREATE INDEX audit_by_conversation ON audit (conversation_id);
                INSERT INTO conversations VALUES ('old', $state, 0);
                INSERT INTO turns VALUES ('old', 1, NULL, 'b', 1, $state, NULL);
                INSERT INTO turns VALUES ('old', 0, 't0', 'a', 1, $state, NULL);
                PRAGMA user_version=1;
                """;
            command.Parameters.AddWithValue("$state", StateSerializer.Serialize(state));
            command.ExecuteNonQuery();
        }

        using var store = new SqliteConversationStore(path);
        var turns = await store.GetTurnsAsync("old", 2, CancellationToken.None);

        Assert.Equal([0, 1], turns.Select(t => t.Index));
        Assert.Equal(["a", "b"], turns.Select(t => t.TextHash));
        Assert.Equal(2, (await store.GetAsync("old", CancellationToken.None))!.TurnCount);
        Assert.Equal(SqliteSchema.Version, UserVersion(path));
    }

    [Fact]
    public async Task A_Version_2_File_Moves_Its_Tenants_From_The_Records_Into_The_Key()
    {
        // Layout 2 as a sidecar with API keys wrote it: tenant acme's conversation c1 (a branch of c0, ended) stored
        // as "acme/c1" with the scoped ids inside its records, tenant beta's own c1, and "plain" from a call without a key.
        var path = Path.Combine(_directory, "v2.db");
        var end = new EndRecord { ConversationId = "acme/c1", Reason = EndReason.Abuse, EndedAt = DateTimeOffset.UnixEpoch, PolicyVersion = "p" };
        var acme = ConversationState.New("acme/c1") with { TurnCount = 1, Status = ConversationStatus.Ended, BranchedFrom = "acme/c0", End = end };
        var beta = ConversationState.New("beta/c1") with { TurnCount = 3 };
        var plain = ConversationState.New("plain") with { TurnCount = 2 };
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = """
                CREATE TABLE conversations (id TEXT PRIMARY KEY NOT NULL, state BLOB NOT NULL, updated_at INTEGER NOT NULL) WITHOUT ROWID;
                CREATE TABLE turns (seq INTEGER PRIMARY KEY, conversation_id TEXT NOT NULL, idx INTEGER NOT NULL, turn_id TEXT NULL,
                    text_hash TEXT NOT NULL, action INTEGER NOT NULL, state_after BLOB NOT NULL, text TEXT NULL);
                CREATE UNIQUE INDEX turns_by_conversation ON turns (conversation_id, idx);
                CREATE TABLE audit (seq INTEGER PRIMARY KEY AUTOINCREMENT, conversation_id TEXT NOT NULL, record BLOB NOT NULL);
                CREATE INDEX audit_by_conversation ON audit (conversation_id);
                INSERT INTO conversations VALUES ('acme/c1', $acme, 1), ('beta/c1', $beta, 2), ('plain', $plain, 3);
                INSERT INTO turns (conversation_id, idx, turn_id, text_hash, action, state_after) VALUES
                    ('acme/c1', 0, 't0', 'a', 5, $acme), ('plain', 0, NULL, 'b', 0, $plain), ('plain', 1, NULL, 'c', 0, $plain);
                INSERT INTO audit (conversation_id, record) VALUES ('acme/c1', $end);
                PRAGMA user_version=2;
                """;
            command.Parameters.AddWithValue("$acme", StateSerializer.Serialize(acme));
            command.Parameters.AddWithValue("$beta", StateSerializer.Serialize(beta));
            command.Parameters.AddWithValue("$plain", StateSerializer.Serialize(plain));
            command.Parameters.AddWithValue("$end", StateSerializer.Serialize(end));
            command.ExecuteNonQuery();
        }

        using var store = new SqliteConversationStore(path, tenant: "ops");
        Assert.Equal(SqliteSchema.Version, UserVersion(path));

        var upgraded = (await store.ForTenant("acme").GetAsync("c1", CancellationToken.None))!;
        Assert.Equal(("c1", "c0", "c1"), (upgraded.ConversationId, upgraded.BranchedFrom, upgraded.End!.ConversationId));
        Assert.Equal(ConversationStatus.Ended, upgraded.Status);
        var turn = Assert.Single(await store.ForTenant("acme").GetTurnsAsync("c1", 10, CancellationToken.None));
        Assert.Equal(("t0", "c1"), (turn.TurnId, turn.StateAfter.ConversationId));
        Assert.Equal("c1", Assert.Single(await store.ForTenant("acme").GetAuditAsync("c1", CancellationToken.None)).ConversationId);
        Assert.Equal(3, (await store.ForTenant("beta").GetAsync("c1", CancellationToken.None))!.TurnCount);
        var listed = Assert.Single(await store.ForTenant("acme").ListEndsAsync(new EndQuery(), null, 10, CancellationToken.None));
        Assert.Equal(("c1", EndReason.Abuse), (listed.Record.ConversationId, listed.Record.Reason));

        // Conversations stored without a tenant belong to the tenant the file is opened for, and nobody else.
        Assert.Equal(2, (await store.GetAsync("plain", CancellationToken.None))!.TurnCount);
        Assert.Equal(["b", "c"], (await store.GetTurnsAsync("plain", 10, CancellationToken.None)).Select(t => t.TextHash));
        Assert.Null(await store.ForTenant(TenantName.Default).GetAsync("plain", CancellationToken.None));
        Assert.Null(await store.GetAsync("c1", CancellationToken.None));

        // Audit keeps its order: an end recorded after the upgrade comes after the one recorded before it.
        var later = end with { ConversationId = "c1", Reason = EndReason.UserRequested };
        await store.ForTenant("acme").UpdateAsync("c1", current => new StoreUpdate<bool> { NewState = current, Audit = later, Result = true },
            CancellationToken.None);
        Assert.Equal([EndReason.Abuse, EndReason.UserRequested],
            (await store.ForTenant("acme").GetAuditAsync("c1", CancellationToken.None)).Select(r => r.Reason));
    }

    [Fact]
    public void A_File_From_A_Newer_Version_Is_Refused()
    {
        var path = Path.Combine(_directory, "future.db");
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"PRAGMA user_version={SqliteSchema.Version + 1};";
            command.ExecuteNonQuery();
        }

        var error = Assert.Throws<InvalidOperationException>(() => new SqliteConversationStore(path));
        Assert.Contains("newer SidecarGuard", error.Message, StringComparison.Ordinal);
    }

    private static long UserVersion(string path)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA user_version;";
        return (long)command.ExecuteScalar()!;
    }

    private static TurnRecord TurnAt(int index, ConversationState after) => new()
    {
        Index = index,
        TextHash = "hash",
        Action = TurnAction.Allow,
        StateAfter = after,
    };

    [Fact]
    public void Database_Uses_Write_Ahead_Logging()
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={DatabasePath}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", command.ExecuteScalar());
    }
}
