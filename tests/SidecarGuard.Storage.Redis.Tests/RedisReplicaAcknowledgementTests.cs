using SidecarGuard.Core.State;
using SidecarGuard.Core.Storage;
using SidecarGuard.Testing;
using StackExchange.Redis;

namespace SidecarGuard.Storage.Redis.Tests;

/// <summary>
/// With <see cref="RedisStoreOptions.ReplicaAcknowledgements"/>, nothing is acknowledged that a replica does not have:
/// not a write, and not an answer that changes nothing but reports what it read (a retried end answered "already
/// ended"). A real primary and a real replica, the replica paused with SIGSTOP so that it falls behind.
/// </summary>
public sealed class RedisReplicaAcknowledgementTests : IAsyncLifetime
{
    private RedisServer _primary = null!;
    private RedisServer _replica = null!;

    public async Task InitializeAsync()
    {
        _primary = await RedisServer.StartAsync();
        _replica = await RedisServer.StartAsync("--replicaof", "127.0.0.1", _primary.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var probe = await ConnectionMultiplexer.ConnectAsync(_primary.Configuration + ",allowAdmin=true");
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!((await probe.GetServer(_primary.Configuration).InfoRawAsync("replication")) ?? "").Contains("state=online", StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline, "the replica did not come online within 20 s");
            await Task.Delay(100);
        }
    }

    public async Task DisposeAsync()
    {
        await _replica.DisposeAsync();
        await _primary.DisposeAsync();
    }

    [Fact]
    public async Task An_End_The_Replica_Has_Not_Got_Is_Not_Acknowledged_Even_As_Already_Ended()
    {
        await using var store = await RedisConversationStore.ConnectAsync(new RedisStoreOptions
        {
            Configuration = _primary.Configuration,
            ReplicaAcknowledgements = 1,
            OperationTimeout = TimeSpan.FromMilliseconds(800),
        });
        await store.UpdateAsync("c1", _ => new StoreUpdate<bool> { NewState = ConversationState.New("c1"), Result = true }, CancellationToken.None);

        // The end the guard would write, and its idempotent retry: once ended, the answer changes nothing.
        static StoreUpdate<string> End(ConversationState? current) => current!.Status == ConversationStatus.Ended
            ? new StoreUpdate<string> { Result = "already ended" }
            : new StoreUpdate<string> { NewState = current with { Status = ConversationStatus.Ended }, Result = "ended" };

        _replica.Pause();
        try
        {
            // The transaction reaches the primary, the replica does not confirm it: not acknowledged.
            await Assert.ThrowsAsync<StoreUnavailableException>(() => store.UpdateAsync("c1", End, CancellationToken.None).AsTask());

            // The retry reads the end on the primary. Answering "already ended" now would acknowledge an end that a
            // failover to the replica would lose; it must wait for the replica like a write.
            await Task.Delay(1100); // past the store's one-second memory of a primary short of replicas
            await Assert.ThrowsAsync<StoreUnavailableException>(() => store.UpdateAsync("c1", End, CancellationToken.None).AsTask());
        }
        finally
        {
            _replica.Resume();
        }

        // Once the replica has caught up, the retry is answered, and the replica holds the end.
        string? answer = null;
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (answer is null)
        {
            try
            {
                answer = await store.UpdateAsync("c1", End, CancellationToken.None);
            }
            catch (StoreUnavailableException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
        }

        Assert.Equal("already ended", answer);
        await using var onReplica = await RedisConversationStore.ConnectAsync(new RedisStoreOptions { Configuration = _replica.Configuration });
        Assert.Equal(ConversationStatus.Ended, (await onReplica.GetAsync("c1", CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task An_Answer_That_Changes_Nothing_Waits_For_No_Replica_When_None_Is_Asked_For()
    {
        await using var store = await RedisConversationStore.ConnectAsync(new RedisStoreOptions { Configuration = _primary.Configuration });
        await store.UpdateAsync("c2", _ => new StoreUpdate<bool> { NewState = ConversationState.New("c2"), Result = true }, CancellationToken.None);
        _replica.Pause();
        try
        {
            Assert.Equal("read", await store.UpdateAsync("c2", _ => new StoreUpdate<string> { Result = "read" }, CancellationToken.None));
        }
        finally
        {
            _replica.Resume();
        }
    }
}
