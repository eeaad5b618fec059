using System.Collections.Concurrent;
using Grpc.Core;
using Grpc.Health.V1;
using SidecarGuard.Contracts.V1;
using SidecarGuard.Storage.Redis;

namespace SidecarGuard.Sidecar.Tests;

// The wire enums, not the model's enums of the same names in the SidecarGuard namespace.
using ConversationStatus = SidecarGuard.Contracts.V1.ConversationStatus;
using EndReason = SidecarGuard.Contracts.V1.EndReason;
using TurnAction = SidecarGuard.Contracts.V1.TurnAction;

/// <summary>Several real sidecar processes on one real Redis: they agree at once, and survive faults.</summary>
public sealed class RedisScaleOutTests(Xunit.Abstractions.ITestOutputHelper output) : RedisSidecarAgreementTests(output), IAsyncLifetime
{
    private RedisServer? _redis;

    private RedisServer Redis => _redis!;

    protected override string Configuration => Redis.Configuration;

    public async Task InitializeAsync() => _redis = await RedisServer.StartAsync();

    public async Task DisposeAsync() => await Redis.DisposeAsync();

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
        Output.WriteLine($"redis: {acknowledged.Count} of 24 ends acknowledged before the sidecar's SIGKILL; Redis then SIGKILLed too");
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
