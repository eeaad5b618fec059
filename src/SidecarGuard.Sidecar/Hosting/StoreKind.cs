using SidecarGuard.Storage.Redis;

namespace SidecarGuard.Sidecar.Hosting;

/// <summary>
/// A conversation store the sidecar can serve, by the name <c>serve --store</c> takes: how to register it (each store
/// project brings its own extension) and how the ready line describes it. A new store is its project, its extension
/// and one entry in <see cref="All"/>.
/// </summary>
public sealed class StoreKind
{
    private readonly Func<IServiceCollection, SidecarOptions, IServiceCollection> _add;
    private readonly Func<SidecarOptions, string> _describe;

    private StoreKind(string name, Func<IServiceCollection, SidecarOptions, IServiceCollection> add, Func<SidecarOptions, string> describe)
    {
        Name = name;
        _add = add;
        _describe = describe;
    }

    /// <summary>A durable SQLite file (the default).</summary>
    public static StoreKind Sqlite { get; } = new("sqlite",
        (services, options) => services.AddSqliteConversationStore(options.DatabasePath, options.Tenant, options.DatabaseSync),
        options => $"sqlite {Path.GetFullPath(options.DatabasePath)} (sync: {options.DatabaseSync.ToString().ToLowerInvariant()})");

    /// <summary>Process memory: lost on exit.</summary>
    public static StoreKind Memory { get; } = new("memory", (services, _) => services.AddInMemoryConversationStore(), _ => "memory");

    /// <summary>Redis (standalone or Cluster), shared by several sidecars.</summary>
    public static StoreKind Redis { get; } = new("redis",
        (services, options) => services.AddRedisConversationStore(new RedisStoreOptions
        {
            Configuration = options.Redis ?? throw new Cli.UsageException("--store redis needs --redis HOST:PORT (or SIDECARGUARD_REDIS)."),
            Tenant = options.Tenant,
            ConversationTtl = options.ConversationTtl,
            ReplicaAcknowledgements = options.RedisReplicaAcks,
        }),
        options => $"redis {options.Redis} (tenant {options.Tenant}{(options.RedisReplicaAcks > 0 ? $"; writes confirmed by {options.RedisReplicaAcks} replica(s)" : "")})");

    /// <summary>Every store, in the order the usage lists them.</summary>
    public static IReadOnlyList<StoreKind> All { get; } = [Sqlite, Memory, Redis];

    /// <summary>The name <c>--store</c> takes.</summary>
    public string Name { get; }

    /// <summary>The store named <paramref name="name"/>, or null.</summary>
    public static StoreKind? Named(string name) => All.FirstOrDefault(k => k.Name == name);

    /// <summary>Registers this store with what <paramref name="options"/> say about it.</summary>
    /// <exception cref="Cli.UsageException">The options lack what this store needs.</exception>
    public IServiceCollection Add(IServiceCollection services, SidecarOptions options) => _add(services, options);

    /// <summary>How the ready line names this store.</summary>
    public string Describe(SidecarOptions options) => _describe(options);

    /// <inheritdoc />
    public override string ToString() => Name;
}
