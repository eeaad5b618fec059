using SidecarGuard.Contracts.V1;
using SidecarGuard.Sidecar.Hosting;

namespace SidecarGuard.Sidecar.Tests;

// The wire enums, not the model's enums of the same names in the SidecarGuard namespace.
using EndReason = SidecarGuard.Contracts.V1.EndReason;

public sealed class ConcurrencyTests : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("sg-conc-").FullName;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }

    [Theory]
    [InlineData("memory")]
    [InlineData("sqlite")]
    public async Task Concurrent_Turns_On_One_Conversation_Lose_No_Update(string storeName)
    {
        var store = storeName == "sqlite" ? StoreKind.Sqlite : StoreKind.Memory;
        await using var server = await TestSidecar.StartAsync(new SidecarOptions { Store = store, DatabasePath = Path.Combine(_directory, "c.db") });
        const int Turns = 64;
        var id = "conc-" + store;
        var verdicts = await Task.WhenAll(Enumerable.Range(0, Turns).Select(i =>
            server.Client.EvaluateTurnAsync(new EvaluateTurnRequest { ConversationId = id, UserText = $"Tell me about topic number {i}.", TurnId = $"t{i}" }).ResponseAsync));

        Assert.Equal(Enumerable.Range(0, Turns), verdicts.Select(v => v.TurnIndex).Order());
        var state = await server.Client.GetConversationAsync(new GetConversationRequest { ConversationId = id });
        Assert.Equal(Turns, state.State.TurnCount);
    }

    [Fact]
    public async Task Concurrent_Ends_Write_Exactly_One_Record()
    {
        await using var server = await TestSidecar.StartAsync(new SidecarOptions { Store = StoreKind.Sqlite, DatabasePath = Path.Combine(_directory, "e.db") });
        var id = "conc-end";
        foreach (var text in new[] { Phrases.Terror, Phrases.Terror, Phrases.Terror, Phrases.Terror })
        {
            await server.Client.EvaluateTurnAsync(new EvaluateTurnRequest { ConversationId = id, UserText = text });
        }

        var ends = await Task.WhenAll(Enumerable.Range(0, 16).Select(i =>
            server.Client.EndConversationAsync(new EndConversationRequest { ConversationId = id, Reason = EndReason.Abuse, RequestId = $"r{i}" }).ResponseAsync));
        Assert.Single(ends, e => !e.AlreadyEnded);
        Assert.Single(ends.Select(e => e.Record).Distinct());
    }
}
