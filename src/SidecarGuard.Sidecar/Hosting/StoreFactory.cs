using SidecarGuard.Core.Storage;
using SidecarGuard.Storage.Redis;
using SidecarGuard.Storage.Sqlite;

namespace SidecarGuard.Sidecar.Hosting;

/// <summary>Opens the store the options name.</summary>
internal static class StoreFactory
{
    public static async Task<IConversationStore> OpenAsync(SidecarOptions options) => options.Store switch
    {
        StoreKind.Memory => new InMemoryConversationStore(),
        StoreKind.Redis => await RedisConversationStore.ConnectAsync(new RedisStoreOptions
        {
            Configuration = options.Redis ?? throw new Cli.UsageException("--store redis needs --redis HOST:PORT (or SIDECARGUARD_REDIS)."),
            Tenant = options.Tenant,
            ConversationTtl = options.ConversationTtl,
        }).ConfigureAwait(false),
        _ => new SqliteConversationStore(options.DatabasePath),
    };

    public static string Describe(SidecarOptions options) => options.Store switch
    {
        StoreKind.Memory => "memory",
        StoreKind.Redis => $"redis {options.Redis} (tenant {options.Tenant})",
        _ => $"sqlite {Path.GetFullPath(options.DatabasePath)}",
    };
}
