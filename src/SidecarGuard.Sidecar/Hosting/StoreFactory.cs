using SidecarGuard.Storage.Redis;

namespace SidecarGuard.Sidecar.Hosting;

/// <summary>Registers the store the options name: one line per kind, each store project bringing its own extension.</summary>
internal static class StoreFactory
{
    /// <exception cref="Cli.UsageException">The options name a store without what it needs.</exception>
    public static IServiceCollection Add(IServiceCollection services, SidecarOptions options) => options.Store switch
    {
        StoreKind.Memory => services.AddInMemoryConversationStore(),
        StoreKind.Redis => services.AddRedisConversationStore(new RedisStoreOptions
        {
            Configuration = options.Redis ?? throw new Cli.UsageException("--store redis needs --redis HOST:PORT (or SIDECARGUARD_REDIS)."),
            Tenant = options.Tenant,
            ConversationTtl = options.ConversationTtl,
            ReplicaAcknowledgements = options.RedisReplicaAcks,
        }),
        _ => services.AddSqliteConversationStore(options.DatabasePath),
    };

    public static string Describe(SidecarOptions options) => options.Store switch
    {
        StoreKind.Memory => "memory",
        StoreKind.Redis => $"redis {options.Redis} (tenant {options.Tenant}{(options.RedisReplicaAcks > 0 ? $"; writes confirmed by {options.RedisReplicaAcks} replica(s)" : "")})",
        _ => $"sqlite {Path.GetFullPath(options.DatabasePath)}",
    };
}
