using Microsoft.Extensions.DependencyInjection;
using SidecarGuard.Core.Storage;

namespace SidecarGuard.Storage.Sqlite.Tests;

public sealed class SqliteServiceCollectionExtensionsTests
{
    [Fact]
    public async Task The_Guard_Writes_To_The_Registered_File_And_The_Container_Closes_It()
    {
        var path = Path.Combine(Path.GetTempPath(), $"sg-di-{Guid.NewGuid():N}.db");
        try
        {
            await using (var provider = new ServiceCollection().AddInMemoryConversationStore().AddSqliteConversationStore(path)
                .AddConversationGuard().BuildServiceProvider())
            {
                Assert.IsType<SqliteConversationStore>(provider.GetRequiredService<IConversationStore>());
                await provider.GetRequiredService<IConversationGuard>().EvaluateTurnAsync(new TurnRequest("di-1", "hello there"));
            }

            // Disposed with the container: the file can be opened again by a new store and holds the turn.
            using var reopened = new SqliteConversationStore(path);
            Assert.Equal(1, (await reopened.GetAsync("di-1", CancellationToken.None))!.TurnCount);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var file in Directory.GetFiles(Path.GetDirectoryName(path)!, Path.GetFileName(path) + "*"))
            {
                File.Delete(file);
            }
        }
    }
}
