using System.Collections.Concurrent;
using Grpc.Core;
using SidecarGuard.Contracts.V1;

namespace SidecarGuard.Sidecar.Tests;

// The wire enums, not the model's enums of the same names in the SidecarGuard namespace.
using ConversationStatus = SidecarGuard.Contracts.V1.ConversationStatus;
using EndReason = SidecarGuard.Contracts.V1.EndReason;
using TurnAction = SidecarGuard.Contracts.V1.TurnAction;

public sealed class CrashDurabilityTests(Xunit.Abstractions.ITestOutputHelper output) : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("sg-crash-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Every_Acknowledged_End_Survives_SIGKILL_Under_Load()
    {
        var db = Path.Combine(_directory, "guard.db");
        var acknowledged = new ConcurrentBag<string>();
        await using (var sidecar = await SidecarProcess.StartAsync("--db", db))
        {
            using var stop = new CancellationTokenSource();
            var load = Task.Run(() => BackgroundTurnsAsync(sidecar.Client, stop.Token));
            var enders = Enumerable.Range(0, 24).Select(i => EndOneAsync(sidecar.Client, $"crash-{i}", acknowledged, stop.Token)).ToList();

            // Kill once some ends are acknowledged and others are still in flight.
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (acknowledged.Count < 8 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(5);
            }

            sidecar.KillHard();
            await stop.CancelAsync();
            await Task.WhenAll(enders.Append(load));
        }

        Assert.True(acknowledged.Count >= 8, $"only {acknowledged.Count} ends were acknowledged before the kill");
        output.WriteLine($"sqlite: {acknowledged.Count} of 24 ends acknowledged before SIGKILL; checking each after restart");
        await using var restarted = await SidecarProcess.StartAsync("--db", db);
        foreach (var id in acknowledged)
        {
            var view = await restarted.Client.GetConversationAsync(new GetConversationRequest { ConversationId = id });
            Assert.Equal(ConversationStatus.Ended, view.State.Status);
            Assert.Equal(EndReason.Abuse, view.EndRecord.Reason);
            Assert.Equal(TurnAction.Ended, (await restarted.Client.EvaluateTurnAsync(new EvaluateTurnRequest { ConversationId = id, UserText = Phrases.Benign })).Action);
        }

        using var store = new SidecarGuard.Storage.Sqlite.SqliteConversationStore(db);
        foreach (var id in acknowledged)
        {
            var audit = await store.GetAuditAsync(id, CancellationToken.None);
            Assert.Single(audit);
        }
    }

    private static async Task EndOneAsync(GuardService.GuardServiceClient client, string id, ConcurrentBag<string> acknowledged, CancellationToken stop)
    {
        try
        {
            for (var i = 0; i < 4; i++)
            {
                await client.EvaluateTurnAsync(new EvaluateTurnRequest { ConversationId = id, UserText = Phrases.Terror, TurnId = $"{id}-{i}" }, cancellationToken: stop);
            }

            await client.EndConversationAsync(new EndConversationRequest { ConversationId = id, Reason = EndReason.Abuse }, cancellationToken: stop);
            acknowledged.Add(id);
        }
        catch (RpcException)
        {
            // The kill cut this conversation short: it was never acknowledged, so it promises nothing.
        }
    }

    private static async Task BackgroundTurnsAsync(GuardService.GuardServiceClient client, CancellationToken stop)
    {
        for (var i = 0; i < 100_000 && !stop.IsCancellationRequested; i++)
        {
            try
            {
                await client.EvaluateTurnAsync(new EvaluateTurnRequest { ConversationId = $"load-{i % 16}", UserText = Phrases.Benign }, cancellationToken: stop);
            }
            catch (RpcException)
            {
                return;
            }
        }
    }
}
