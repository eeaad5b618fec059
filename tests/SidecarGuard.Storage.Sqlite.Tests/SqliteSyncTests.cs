using SidecarGuard.Core.State;
using SidecarGuard.Core.Storage;

namespace SidecarGuard.Storage.Sqlite.Tests;

/// <summary>
/// <see cref="SqliteSync.Safety"/>: the writes an end depends on are flushed to disk before they are acknowledged,
/// ordinary ones wait for the next flush or the interval. (What a power cut would keep cannot be tested here; what is
/// tested is that the store flushes the log exactly when the rule says, and that a flush covers a file reached by a link.)
/// </summary>
public sealed class SqliteSyncTests : IDisposable
{
    private static readonly TimeSpan Never = TimeSpan.FromHours(1);

    private readonly string _directory = Directory.CreateTempSubdirectory("sg-sqlite-sync-").FullName;

    private string DatabasePath => Path.Combine(_directory, "guard.db");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private static Task Write(IConversationStore store, string id, Func<ConversationState, ConversationState> change, EndRecord? audit = null) =>
        store.UpdateAsync(id, current => new StoreUpdate<bool>
        {
            NewState = change((current ?? ConversationState.New(id)) with { TurnCount = (current?.TurnCount ?? 0) + 1 }),
            Audit = audit,
            Result = true,
        }, CancellationToken.None).AsTask();

    [Fact]
    public async Task Ordinary_Turns_Wait_And_A_Turn_That_Marks_The_User_At_Risk_Is_Flushed_Before_It_Returns()
    {
        using var store = new SqliteConversationStore(DatabasePath, null, TenantName.Default, SqliteSync.Safety, Never);
        Assert.Equal(SqliteSync.Safety, store.Sync);
        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Write(store, $"c{i % 4}", s => s)));
        Assert.Equal(0, store.LogFlushes);

        await Write(store, "c1", s => s with { AtRisk = true, AtRiskDoubt = true });
        Assert.Equal(1, store.LogFlushes);

        await Write(store, "c1", s => s);
        Assert.Equal(1, store.LogFlushes);
    }

    [Fact]
    public async Task An_End_Record_And_A_Branch_Are_Flushed_Before_They_Return()
    {
        using var store = new SqliteConversationStore(DatabasePath, null, TenantName.Default, SqliteSync.Safety, Never);
        await Write(store, "c1", s => s);
        var end = new EndRecord { ConversationId = "c1", Reason = EndReason.Abuse, EndedAt = DateTimeOffset.UnixEpoch, PolicyVersion = "p" };
        await Write(store, "c1", s => s with { Status = ConversationStatus.Ended, End = end }, end);
        Assert.Equal(1, store.LogFlushes);

        Assert.True(await store.TryCreateAsync(ConversationState.New("c2") with { BranchedFrom = "c1" }, [], CancellationToken.None));
        Assert.Equal(2, store.LogFlushes);
    }

    [Fact]
    public async Task Ordinary_Turns_Reach_The_Disk_Within_The_Interval_Without_Another_Write()
    {
        using var store = new SqliteConversationStore(DatabasePath, null, TenantName.Default, SqliteSync.Safety, TimeSpan.FromMilliseconds(50));
        await Write(store, "c1", s => s);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (store.LogFlushes == 0 && waited.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(10);
        }

        Assert.Equal(1, store.LogFlushes);
        await Task.Delay(200);
        Assert.Equal(1, store.LogFlushes);
    }

    [Fact]
    public async Task Full_Sync_Leaves_Every_Flush_To_SQLite()
    {
        using var store = new SqliteConversationStore(DatabasePath, null, TenantName.Default, SqliteSync.Full, TimeSpan.FromMilliseconds(1));
        Assert.Equal(SqliteSync.Full, store.Sync);
        await Write(store, "c1", s => s with { AtRisk = true });
        await Task.Delay(50);
        Assert.Equal(0, store.LogFlushes);
        Assert.True((await store.GetAsync("c1", CancellationToken.None))!.AtRisk);
    }

    [Fact]
    public async Task A_Database_Reached_Through_A_Symbolic_Link_Flushes_Its_Log()
    {
        Directory.CreateDirectory(Path.Combine(_directory, "real"));
        var target = Path.Combine(_directory, "real", "guard.db");
        File.WriteAllBytes(target, []);
        var link = Path.Combine(_directory, "link.db");
        File.CreateSymbolicLink(link, target);

        using var store = new SqliteConversationStore(link, null, TenantName.Default, SqliteSync.Safety, Never);
        await Write(store, "c1", s => s with { AtRisk = true });
        Assert.Equal(1, store.LogFlushes);
        Assert.True((await store.GetAsync("c1", CancellationToken.None))!.AtRisk);
    }
}
