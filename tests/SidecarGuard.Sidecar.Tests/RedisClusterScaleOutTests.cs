namespace SidecarGuard.Sidecar.Tests;

// The wire enums, not the model's enums of the same names in the SidecarGuard namespace.

/// <summary>The same agreement between two sidecar processes on a real Redis Cluster, each write confirmed by a replica.</summary>
public sealed class RedisClusterScaleOutTests(Xunit.Abstractions.ITestOutputHelper output) : RedisSidecarAgreementTests(output), IAsyncLifetime
{
    private RedisCluster? _cluster;

    protected override string Configuration => _cluster!.Configuration;

    protected override string[] ExtraOptions => ["--redis-replica-acks", "1"];

    public async Task InitializeAsync() => _cluster = await RedisCluster.StartAsync();

    public async Task DisposeAsync() => await _cluster!.DisposeAsync();
}
