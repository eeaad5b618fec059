using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using SidecarGuard.Core.Storage;
using SidecarGuard.Testing;
using Xunit.Abstractions;

namespace SidecarGuard.Storage.Redis.Tests;

/// <summary>One real Redis Cluster (three masters, three replicas) shared by the tests of a class.</summary>
public sealed class RedisClusterFixture : IAsyncLifetime
{
    private RedisCluster? _cluster;

    /// <summary>The running cluster.</summary>
    public RedisCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster has not started.");

    /// <inheritdoc />
    public async Task InitializeAsync() => _cluster = await RedisCluster.StartAsync();

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}

/// <summary>The store's whole contract, on a Redis Cluster, each write confirmed by a replica.</summary>
public sealed class RedisClusterConversationStoreTests(RedisClusterFixture fixture) : ConversationStoreConformanceTests, IClassFixture<RedisClusterFixture>
{
    protected override async Task<IConversationStore> CreateStoreAsync() =>
        await RedisConversationStore.ConnectAsync(new RedisStoreOptions
        {
            Configuration = fixture.Cluster.Configuration,
            Tenant = "t" + Guid.NewGuid().ToString("N"),
            ReplicaAcknowledgements = 1,
            OperationTimeout = TimeSpan.FromSeconds(5),
        });

    protected override async Task DisposeStoreAsync(IConversationStore store) => await ((RedisConversationStore)store).DisposeAsync();

    [Fact]
    public async Task Conversations_Spread_Over_Every_Master()
    {
        var masters = new HashSet<int>();
        for (var i = 0; i < 32; i++)
        {
            masters.Add((await fixture.Cluster.MasterOfAsync($"{{default/spread-{i}}}"))!.Port);
        }

        Assert.Equal(3, masters.Count);
    }

    [Fact]
    public async Task A_Write_No_Replica_Can_Confirm_Is_Unavailable_Not_Acknowledged()
    {
        // Two confirmations are asked of masters that have one replica each: WAIT returns 1 and the store must not
        // acknowledge the write as if it were as safe as asked.
        await using var demanding = await RedisConversationStore.ConnectAsync(new RedisStoreOptions
        {
            Configuration = fixture.Cluster.Configuration,
            Tenant = "two-replicas",
            ReplicaAcknowledgements = 2,
            OperationTimeout = TimeSpan.FromSeconds(2),
        });
        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => demanding.UpdateAsync("x",
            _ => new StoreUpdate<bool> { NewState = Core.State.ConversationState.New("x"), Result = true }, CancellationToken.None).AsTask());
        Assert.Contains("1 of the 2 replica(s)", error.Message, StringComparison.Ordinal);
    }
}

/// <summary>
/// Two guards (as two sidecars would) drive conversations to their end on a Redis Cluster while a master is killed
/// with SIGKILL: its replica takes over, and what either guard acknowledged is still there.
/// </summary>
public sealed class RedisClusterFailoverTests(ITestOutputHelper output) : IAsyncLifetime
{
    private RedisCluster? _cluster;

    private RedisCluster Cluster => _cluster!;

    public async Task InitializeAsync() => _cluster = await RedisCluster.StartAsync();

    public async Task DisposeAsync() => await Cluster.DisposeAsync();

    private ServiceProvider Sidecar() => new ServiceCollection()
        .AddRedisConversationStore(new RedisStoreOptions { Configuration = Cluster.Configuration, ReplicaAcknowledgements = 1 })
        .AddConversationGuard()
        .BuildServiceProvider();

    [Fact]
    public async Task Killing_A_Master_Loses_No_Acknowledged_End_Counts_No_Turn_Twice_And_Heals_Without_Restarts()
    {
        await using var first = Sidecar();
        await using var second = Sidecar();
        var guards = new[] { first.GetRequiredService<IConversationGuard>(), second.GetRequiredService<IConversationGuard>() };
        var acknowledgedTurns = new ConcurrentBag<(string Conversation, string TurnId)>();
        var acknowledgedEnds = new ConcurrentBag<string>();
        var conversations = new ConcurrentBag<string>();
        var failures = new ConcurrentQueue<(TimeSpan At, string What)>();
        var clock = Stopwatch.StartNew();
        var killedAt = TimeSpan.MaxValue;
        using var stop = new CancellationTokenSource();

        // Retries one call until it is acknowledged (a retried turn keeps its turn id, so it may not count twice).
        async Task<T> Acknowledged<T>(Func<ValueTask<T>> call)
        {
            while (true)
            {
                try
                {
                    return await call();
                }
                catch (StoreUnavailableException e)
                {
                    failures.Enqueue((clock.Elapsed, e.Message));
                    stop.Token.ThrowIfCancellationRequested();
                    await Task.Delay(20);
                }
            }
        }

        var workers = Enumerable.Range(0, 12).Select(worker => Task.Run(async () =>
        {
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                var id = $"fo-{worker}-{n}";
                conversations.Add(id);
                var guard = guards[(worker + n) % 2];
                try
                {
                    for (var t = 0; t < 4; t++)
                    {
                        var turnId = $"{id}-t{t}";
                        // Turns alternate between the two sidecars, as behind a load balancer.
                        var verdict = await Acknowledged(() => guards[(worker + n + t) % 2].EvaluateTurnAsync(new TurnRequest(id, Phrases.Terror) { TurnId = turnId }));
                        acknowledgedTurns.Add((id, turnId));
                    }

                    var end = await Acknowledged(() => guard.EndConversationAsync(id, EndReason.Abuse, $"{id}-end"));
                    Assert.True(end.Ended || end.AlreadyEnded, $"{id}: the end was refused: {end.RefusalMessage}");
                    acknowledgedEnds.Add(id);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        })).ToList();

        await WaitFor(() => acknowledgedEnds.Count >= 12, TimeSpan.FromSeconds(60), "12 ends before the kill");
        var victim = (await Cluster.MasterOfAsync("{default/fo-0-0}"))!;
        killedAt = clock.Elapsed;
        victim.Kill();
        var endsAtKill = acknowledgedEnds.Count;

        // The replica takes over; then the killed node is started again (as a supervisor would), rejoins as the new
        // master's replica, and writes to those slots can be confirmed again. The sidecars are not restarted.
        var promotion = Stopwatch.StartNew();
        while (await Cluster.MasterOfAsync("{default/fo-0-0}") is null || await Cluster.MasterOfAsync("{default/fo-0-0}") == victim)
        {
            Assert.True(promotion.Elapsed < TimeSpan.FromSeconds(60), "no replica took over the killed master's slots");
            await Task.Delay(50);
        }

        await Cluster.WaitUntilHealthyAsync(TimeSpan.FromSeconds(60));
        var promotedAt = clock.Elapsed;
        await victim.RestartAsync();
        await Cluster.WaitUntilHealthyAsync(TimeSpan.FromSeconds(60), replicasPerMaster: 1);
        var replicatedAt = clock.Elapsed;

        // Traffic goes on until every worker has been acknowledged again for two seconds after the last failure.
        try
        {
            await WaitFor(() => workers.All(w => !w.IsFaulted) && failures.Any(f => f.At >= killedAt) && clock.Elapsed - failures.Last().At > TimeSpan.FromSeconds(2),
                TimeSpan.FromSeconds(60), "failures after the kill, then two quiet seconds");
        }
        catch
        {
            foreach (var kind in failures.GroupBy(f => f.What[..Math.Min(f.What.Length, 160)]))
            {
                output.WriteLine($"{kind.Count()} x {kind.Key} (first {kind.First().At.TotalSeconds:0.0} s, last {kind.Last().At.TotalSeconds:0.0} s)");
            }

            foreach (var fault in workers.Where(w => w.IsFaulted))
            {
                output.WriteLine($"worker failed: {fault.Exception!.InnerException}");
            }

            throw;
        }
        await stop.CancelAsync();
        await Task.WhenAll(workers);

        var window = failures.Where(f => f.At >= killedAt).ToList();
        Assert.DoesNotContain(failures, f => f.At < killedAt);
        var windowLength = window[^1].At - killedAt;
        output.WriteLine($"killed master :{victim.Port} at {killedAt.TotalSeconds:0.0} s after {endsAtKill} ends; its replica served the slots "
            + $"{(promotedAt - killedAt).TotalMilliseconds:0} ms later; the restarted node was its replica {(replicatedAt - killedAt).TotalMilliseconds:0} ms after the kill; "
            + $"UNAVAILABLE until {windowLength.TotalMilliseconds:0} ms after the kill ({window.Count} failed calls, retried; "
            + string.Join(", ", window.GroupBy(f => Kind(f.What)).Select(g => $"{g.Count()} {g.Key}")) + "); "
            + $"{acknowledgedEnds.Count} ends and {acknowledgedTurns.Count} turns acknowledged in all over {conversations.Count} conversations");
        Assert.True(windowLength < TimeSpan.FromSeconds(30), $"the failover window was {windowLength}");
        Assert.True(acknowledgedEnds.Count > endsAtKill, "no end was acknowledged after the failover: the sidecars did not heal");

        await Cluster.WaitUntilHealthyAsync(TimeSpan.FromSeconds(30));
        await using var reader = await RedisConversationStore.ConnectAsync(new RedisStoreOptions { Configuration = Cluster.Configuration, OperationTimeout = TimeSpan.FromSeconds(5) });
        var turnsById = acknowledgedTurns.ToLookup(t => t.Conversation, t => t.TurnId);
        foreach (var id in conversations)
        {
            var state = await reader.GetAsync(id, CancellationToken.None);
            var turns = await reader.GetTurnsAsync(id, 100, CancellationToken.None);
            Assert.Equal(turns.Count, turns.Select(t => t.TurnId).Distinct().Count());
            Assert.Equal(state?.TurnCount ?? 0, turns.Count);
            Assert.All(turnsById[id], turnId => Assert.Contains(turns, t => t.TurnId == turnId));
        }

        foreach (var id in acknowledgedEnds)
        {
            Assert.Equal(ConversationStatus.Ended, (await reader.GetAsync(id, CancellationToken.None))?.Status);
            Assert.Single(await reader.GetAuditAsync(id, CancellationToken.None));
        }
    }

    private static string Kind(string message) =>
        message.Contains("CLUSTERDOWN", StringComparison.Ordinal) ? "cluster down"
        : message.Contains("replica", StringComparison.Ordinal) ? "not confirmed by a replica"
        : message.Contains("timed out", StringComparison.Ordinal) || message.Contains("Timeout", StringComparison.Ordinal) ? "timed out"
        : "connection refused or closed";

    private static async Task WaitFor(Func<bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}");
            await Task.Delay(20);
        }
    }
}
