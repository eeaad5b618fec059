using Microsoft.Extensions.DependencyInjection.Extensions;
using SidecarGuard.Core.Storage;
using SidecarGuard.Storage.Sqlite;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the SQLite conversation store.</summary>
public static class SqliteServiceCollectionExtensions
{
    /// <summary>
    /// Makes a SQLite file at <paramref name="path"/> the guard's <see cref="IConversationStore"/> (replacing one
    /// registered before). The file is created and migrated when the store is first resolved, and closed with the
    /// container.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="path">The database file.</param>
    /// <param name="tenant">The tenant the registered store serves (see <see cref="IConversationStore.ForTenant"/>).</param>
    /// <param name="sync">When writes reach the disk before they are acknowledged (see <see cref="SqliteSync"/>).</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    public static IServiceCollection AddSqliteConversationStore(this IServiceCollection services, string path,
        string tenant = TenantName.Default, SqliteSync sync = SqliteSync.Safety)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        TenantName.Require(tenant, nameof(tenant));
        services.Replace(ServiceDescriptor.Singleton<IConversationStore>(sp =>
            new SqliteConversationStore(path, sp.GetService<TimeProvider>(), tenant, sync)));
        return services;
    }
}
