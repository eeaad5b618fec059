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
