using Microsoft.Extensions.DependencyInjection.Extensions;
using SidecarGuard.Core.Storage;
using SidecarGuard.Storage.Redis;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Redis conversation store.</summary>
public static class RedisServiceCollectionExtensions
{
    /// <summary>
    /// Makes Redis the guard's <see cref="IConversationStore"/> (replacing one registered before). The connection is
    /// made when the store is first resolved (the sidecar resolves it at start) and closed with the container; a
    /// server that is down then is retried in the background, and until it answers calls fail as unavailable.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="options">The server, the tenant prefix and the time-to-live of conversations.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    public static IServiceCollection AddRedisConversationStore(this IServiceCollection services, RedisStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        services.Replace(ServiceDescriptor.Singleton<IConversationStore>(_ =>
            RedisConversationStore.ConnectAsync(options).GetAwaiter().GetResult()));
        return services;
    }
}
