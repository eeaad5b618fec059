using System.Collections.Concurrent;
using Grpc.Core;
using Grpc.Health.V1;
using SidecarGuard.Contracts.V1;
using SidecarGuard.Storage.Redis;
using SidecarGuard.Testing;

namespace SidecarGuard.Sidecar.Tests;

// The wire enums, not the model's enums of the same names in the SidecarGuard namespace.
using ConversationStatus = SidecarGuard.Contracts.V1.ConversationStatus;
using EndReason = SidecarGuard.Contracts.V1.EndReason;
using TurnAction = SidecarGuard.Contracts.V1.TurnAction;

/// <summary>Several real sidecar processes on one real Redis: they agree at once, and survive faults.</summary>
public sealed class RedisScaleOutTests(Xunit.Abstractions.ITestOutputHelper output) : IAsyncLifetime
{
    private RedisServer? _redis;

    private RedisServer Redis => _redis!;

    public async Task InitializeAsync() => _redis = await RedisServer.StartAsync();

    public async Task DisposeAsync() => await Redis.DisposeAsync();

    private Task<SidecarProcess> StartSidecarAsync() => SidecarProcess.StartAsync("--store", "redis", "--redis", Redis.Configuration);

    private static Task<EvaluateTurnResponse> Turn(GuardService.GuardServiceClient client, string id, string text, string? turnId = null) =>
        client.EvaluateTurnAsync(new EvaluateTurnRequest { ConversationId = id, UserText = text, TurnId = turnId ?? "" }).ResponseAsync;

    [Fact]
    public async Task A_Conversation_Ended_On_One_Sidecar_Is_Ended_On_The_Other_At_Once()
    {
        await using var a = await StartSidecarAsync();
        await using var b = await StartSidecarAsync();
        var clients = new[] { a.Client, b.Client };
        var actions = new List<TurnAction>();
        for (var i = 0; i < 4; i++)
        {
            actions.Add((await Turn(clients[i % 2], "alt", Phrases.Terror)).Action);
        }

        Assert.Equal([TurnAction.Redirect, TurnAction.Redirect, TurnAction.Warn, TurnAction.End], actions);
        await a.Client.EndConversationAsync(new EndConversationRequest { ConversationId = "alt", Reason = EndReason.Abuse });
        Assert.Equal(TurnAction.Ended, (await Turn(b.Client, "alt", Phrases.Benign)).Action);

        var viewA = await a.Client.GetConversationAsync(new GetConversationRequest { ConversationId = "alt" });
        var viewB = await b.Client.GetConversationAsync(new GetConversationRequest { ConversationId = "alt" });
        Assert.Equal(viewA, viewB);
        Assert.Equal(ConversationStatus.Ended, viewB.State.Status);

        var branch = await b.Client.BranchConversationAsync(new BranchConversationRequest { ConversationId = "alt", TurnIndex = 3, NewConversationId = "alt-edit" });
        var branchOnA = await a.Client.GetConversationAsync(new GetConversationRequest { ConversationId = "alt-edit" });
        Assert.Equal(branch.State, branchOnA.State);
        Assert.True(branchOnA.State.WarningGiven);
    }

    [Fact]
    public async Task Sixty_Four_Clients_On_One_Conversation_Keep_Exact_Counts_And_One_End()
    {
        await using var a = await StartSidecarAsync();
        await using var b = await StartSidecarAsync();
        var clients = new[] { a.Client, b.Client };
        const string Id = "crowd";
        for (var i = 0; i < 4; i++)
        {
            await Turn(clients[i % 2], Id, Phrases.Terror, $"setup-{i}");
        }

        // After the warning every harmful turn is END until someone ends the conversation; then every turn is ENDED.
        var verdicts = new ConcurrentBag<(TurnAction Action, int Index)>();
        var ends = new ConcurrentBag<EndConversationResponse>();
        var workers = Enumerable.Range(0, 64).Select(async worker =>
        {
            var client = clients[worker % 2];
            if (worker % 8 == 0)
            {
                ends.Add(await client.EndConversationAsync(new EndConversationRequest { ConversationId = Id, Reason = EndReason.Abuse, RequestId = $"w{worker}" }));
                return;
            }

            for (var n = 0; n < 4; n++)
            {
                var verdict = await Turn(client, Id, Phrases.Terror, $"w{worker}-{n}");
                verdicts.Add((verdict.Action, verdict.TurnIndex));
            }
        });
        await Task.WhenAll(workers);

        var view = await a.Client.GetConversationAsync(new GetConversationRequest { ConversationId = Id });
        // Turns after the end are answered ENDED and change nothing, so the count is the setup plus the END turns.
        Assert.Equal(4 + verdicts.Count(v => v.Action == TurnAction.End), view.State.TurnCount);
        Assert.Equal(56 * 4, verdicts.Count);
        Assert.Equal(ConversationStatus.Ended, view.State.Status);
        Assert.Single(ends, e => !e.AlreadyEnded);
        Assert.Single(ends.Select(e => e.Record).Distinct());
        await using var store = await RedisConversationStore.ConnectAsync(new RedisStoreOptions { Configuration = Redis.Configuration });
        Assert.Single(await store.GetAuditAsync(Id, CancellationToken.None));

        var endedAt = view.EndRecord.TurnIndex;
        output.WriteLine($"crowd: {verdicts.Count} turns and {ends.Count} end calls from 64 clients over 2 sidecars; ended at turn {endedAt}; "
            + $"{verdicts.Count(v => v.Action == TurnAction.End)} END, {verdicts.Count(v => v.Action == TurnAction.Ended)} ENDED, 0 ALLOW");
        Assert.DoesNotContain(verdicts, v => v.Action is not (TurnAction.End or TurnAction.Ended));
        Assert.All(verdicts.Where(v => v.Index > endedAt), v => Assert.Equal(TurnAction.Ended, v.Action));
        Assert.All(verdicts.Where(v => v.Index <= endedAt), v => Assert.Equal(TurnAction.End, v.Action));
    }

    [Fact]
    public async Task Acknowledged_Ends_Survive_Killing_A_Sidecar_Under_Load()
    {
        var acknowledged = new ConcurrentBag<string>();
        await using (var doomed = await StartSidecarAsync())
        {
            using var stop = new CancellationTokenSource();
            var enders = Enumerable.Range(0, 24).Select(async i =>
            {
                var id = $"kill-{i}";
                try
                {
                    for (var n = 0; n < 4; n++)
                    {
                        await doomed.Client.EvaluateTurnAsync(new EvaluateTurnRequest { ConversationId = id, UserText = Phrases.Terror, TurnId = $"{id}-{n}" }, cancellationToken: stop.Token);
                    }

                    await doomed.Client.EndConversationAsync(new EndConversationRequest { ConversationId = id, Reason = EndReason.Abuse }, cancellationToken: stop.Token);
                    acknowledged.Add(id);
                }
                catch (RpcException)
                {
                    // Cut short by the kill: never acknowledged, so nothing was promised.
                }
            }).ToList();
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (acknowledged.Count < 8 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(5);
            }

            doomed.KillHard();
            await stop.CancelAsync();
            await Task.WhenAll(enders);
        }

        Assert.True(acknowledged.Count >= 8, $"only {acknowledged.Count} ends were acknowledged before the kill");
        output.WriteLine($"redis: {acknowledged.Count} of 24 ends acknowledged before the sidecar's SIGKILL; Redis then SIGKILLed too");
        Redis.Kill();
        await Redis.RestartAsync();
        await using var survivor = await StartSidecarAsync();
        foreach (var id in acknowledged)
        {
            var view = await survivor.Client.GetConversationAsync(new GetConversationRequest { ConversationId = id });
            Assert.Equal(ConversationStatus.Ended, view.State.Status);
        }

        await using var store = await RedisConversationStore.ConnectAsync(new RedisStoreOptions { Configuration = Redis.Configuration });
        foreach (var id in acknowledged)
        {
            Assert.Single(await store.GetAuditAsync(id, CancellationToken.None));
        }
    }

    [Fact]
    public async Task Redis_Outage_Gives_Unavailable_And_Not_Serving_Then_Recovers()
    {
        await using var sidecar = await StartSidecarAsync();
        var health = new Health.HealthClient(sidecar.Channel);
        await Turn(sidecar.Client, "outage", Phrases.Terror);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, (await health.CheckAsync(new HealthCheckRequest())).Status);

        Redis.Stop();
        var started = DateTime.UtcNow;
        var error = await Assert.ThrowsAsync<RpcException>(() => sidecar.Client.EvaluateTurnAsync(
            new EvaluateTurnRequest { ConversationId = "outage", UserText = Phrases.Terror }, deadline: DateTime.UtcNow.AddSeconds(10)).ResponseAsync);
        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(5), "UNAVAILABLE must come quickly, not at the deadline");
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.NotServing, (await health.CheckAsync(new HealthCheckRequest())).Status);

        await Redis.RestartAsync();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await health.CheckAsync(new HealthCheckRequest())).Status != HealthCheckResponse.Types.ServingStatus.Serving && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        var next = await Turn(sidecar.Client, "outage", Phrases.Terror);
        Assert.Equal(2, next.State.TurnCount);
        Assert.Equal(TurnAction.Redirect, next.Action);
    }
}
