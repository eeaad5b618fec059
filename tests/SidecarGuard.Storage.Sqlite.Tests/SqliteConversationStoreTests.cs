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
    public void Database_Uses_Write_Ahead_Logging()
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={DatabasePath}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", command.ExecuteScalar());
    }
}
