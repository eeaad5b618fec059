using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;
using SidecarGuard.Core.State;
using SidecarGuard.Core.Storage;
using SidecarGuard.Testing;

namespace SidecarGuard.Storage.Redis.Tests;

public sealed class RedisConversationStoreTests(ITestOutputHelper output) : ConversationStoreConformanceTests
{
    private RedisServer? _redis;

    private RedisServer Redis => _redis!;

    protected override async Task<IConversationStore> CreateStoreAsync()
    {
        _redis = await RedisServer.StartAsync();
        return await RedisConversationStore.ConnectAsync(new RedisStoreOptions { Configuration = _redis.Configuration });
    }

    protected override async Task DisposeStoreAsync(IConversationStore store)
    {
        await ((RedisConversationStore)store).DisposeAsync();
        await Redis.DisposeAsync();
    }

    private static Task<StoreUpdate<bool>> Write(ConversationState state) =>
        Task.FromResult(new StoreUpdate<bool> { NewState = state, Result = true });

    [Fact]
    public async Task Two_Stores_On_One_Redis_Lose_No_Update()
    {
        // This checks for lost updates, not latency: 64 writers contending on one key, with AOF fsync on every write on
        // a busy CI machine, can take longer than the 1 s default per operation, so both stores get a generous one.
        var patient = new RedisStoreOptions { Configuration = Redis.Configuration, OperationTimeout = TimeSpan.FromSeconds(15) };
        await using var first = await RedisConversationStore.ConnectAsync(patient);
        await using var second = await RedisConversationStore.ConnectAsync(patient);
        var stores = new IConversationStore[] { first, second };
        await Task.WhenAll(Enumerable.Range(0, 64).Select(i => Task.Run(() => stores[i % 2].UpdateAsync("shared", current =>
        {
            var state = current ?? ConversationState.New("shared");
            return new StoreUpdate<bool> { NewState = state with { TurnCount = state.TurnCount + 1 }, Result = true };
        }, CancellationToken.None).AsTask())));
        Assert.Equal(64, (await second.GetAsync("shared", CancellationToken.None))!.TurnCount);
    }

    [Fact]
    public async Task Tenants_Do_Not_See_Each_Other()
    {
        await using var other = await RedisConversationStore.ConnectAsync(new RedisStoreOptions { Configuration = Redis.Configuration, Tenant = "other" });
        await Store.UpdateAsync("same-id", _ => new StoreUpdate<bool> { NewState = ConversationState.New("same-id"), Result = true }, CancellationToken.None);
        Assert.Null(await other.GetAsync("same-id", CancellationToken.None));
    }

    [Fact]
    public async Task Inactive_Conversations_Expire_But_Ended_Ones_Do_Not()
    {
        await using var store = await RedisConversationStore.ConnectAsync(new RedisStoreOptions
        {
            Configuration = Redis.Configuration,
            Tenant = "ttl",
            ConversationTtl = TimeSpan.FromMilliseconds(300),
        });
        await store.UpdateAsync("active", _ => new StoreUpdate<bool> { NewState = ConversationState.New("active"), Result = true }, CancellationToken.None);
        await store.UpdateAsync("ended", _ => new StoreUpdate<bool>
        {
            NewState = ConversationState.New("ended") with { Status = ConversationStatus.Ended },
            Result = true,
        }, CancellationToken.None);
        await Task.Delay(1000);
        Assert.Null(await store.GetAsync("active", CancellationToken.None));
        Assert.NotNull(await store.GetAsync("ended", CancellationToken.None));
    }

    [Fact]
    public async Task Unreachable_Redis_Fails_Fast_As_Unavailable_And_Recovers()
    {
        await Store.UpdateAsync("before", _ => new StoreUpdate<bool> { NewState = ConversationState.New("before"), Result = true }, CancellationToken.None);
        Redis.Stop();
        var started = DateTime.UtcNow;
        await Assert.ThrowsAsync<StoreUnavailableException>(() => Store.GetAsync("before", CancellationToken.None).AsTask());
        var first = DateTime.UtcNow - started;
        Assert.True(first < TimeSpan.FromSeconds(5), "an unreachable Redis must not hang the caller");
        output.WriteLine($"first call after the stop: UNAVAILABLE in {first.TotalMilliseconds:0} ms");

        // Once the connection is known to be down, calls fail at once (no backlog): measured, not asserted tightly.
        var times = new List<double>();
        for (var i = 0; i < 20; i++)
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            await Assert.ThrowsAsync<StoreUnavailableException>(() => Store.UpdateAsync("before",
                s => new StoreUpdate<bool> { NewState = s, Result = true }, CancellationToken.None).AsTask());
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        output.WriteLine($"UNAVAILABLE during an outage: median {times[10]:0.0} ms, slowest {times[^1]:0.0} ms of 20 updates");
        Assert.True(times[10] < 1000, $"median {times[10]:0} ms: an outage must not cost each caller the operation timeout");
        Assert.False(await ((RedisConversationStore)Store).PingAsync());

        await Redis.RestartAsync();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await ((RedisConversationStore)Store).PingAsync() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.NotNull(await Store.GetAsync("before", CancellationToken.None));
    }

    [Fact]
    public async Task Acknowledged_Writes_Survive_A_Redis_Kill_With_Aof_Always()
    {
        await Store.UpdateAsync("kept", _ => new StoreUpdate<bool> { NewState = ConversationState.New("kept") with { Status = ConversationStatus.Ended }, Result = true },
            CancellationToken.None);
        Redis.Kill();
        await Redis.RestartAsync();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        ConversationState? state = null;
        while (state is null && DateTime.UtcNow < deadline)
        {
            try
            {
                state = await Store.GetAsync("kept", CancellationToken.None);
            }
            catch (StoreUnavailableException)
            {
                await Task.Delay(100);
            }
        }

        Assert.Equal(ConversationStatus.Ended, state?.Status);
    }

    [Fact]
    public async Task The_Registered_Store_Connects_When_Resolved_And_Serves_The_Guard()
    {
        await using var provider = new Microsoft.Extensions.DependencyInjection.ServiceCollection()
            .AddRedisConversationStore(new RedisStoreOptions { Configuration = Redis.Configuration, Tenant = "di" })
            .AddConversationGuard()
            .BuildServiceProvider();
        await provider.GetRequiredService<IConversationGuard>().EvaluateTurnAsync(new TurnRequest("di-1", "hello there"));
        await using var reader = await RedisConversationStore.ConnectAsync(new RedisStoreOptions { Configuration = Redis.Configuration, Tenant = "di" });
        Assert.Equal(1, (await reader.GetAsync("di-1", CancellationToken.None))!.TurnCount);
    }

    [Fact]
    public async Task A_Server_That_Is_Down_Gives_A_Store_That_Reports_Unavailable()
    {
        await using var provider = new Microsoft.Extensions.DependencyInjection.ServiceCollection()
            .AddRedisConversationStore(new RedisStoreOptions { Configuration = $"127.0.0.1:{FreePort.Next()}" })
            .BuildServiceProvider();
        var store = Assert.IsType<RedisConversationStore>(provider.GetRequiredService<IConversationStore>());
        Assert.False(await store.PingAsync());
        await Assert.ThrowsAsync<StoreUnavailableException>(() => store.GetAsync("any", CancellationToken.None).AsTask());
    }
}
