using Microsoft.Extensions.DependencyInjection.Extensions;
using SidecarGuard.Core.Storage;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the in-memory conversation store.</summary>
public static class InMemoryStoreServiceCollectionExtensions
{
    /// <summary>
    /// Makes process memory the guard's <see cref="IConversationStore"/> (replacing one registered before): fast, and
    /// lost on exit. <c>AddConversationGuard</c> uses it when no store is registered.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    public static IServiceCollection AddInMemoryConversationStore(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.Replace(ServiceDescriptor.Singleton<IConversationStore, InMemoryConversationStore>());
        return services;
    }
}
