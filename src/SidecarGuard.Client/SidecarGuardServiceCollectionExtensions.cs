using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using SidecarGuard;
using SidecarGuard.Client;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers an <see cref="IConversationGuard"/> that is the client of a running sidecar. The guard in process
/// (<c>AddSidecarGuardInProcess</c>) comes with <c>SidecarGuard.Core</c>, so this package needs only the contract.
/// </summary>
public static class SidecarGuardServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="GrpcConversationGuard"/> as the singleton <see cref="IConversationGuard"/>, talking to the
    /// sidecar at <see cref="SidecarGuardOptions.Address"/>. An <see cref="IConversationGuard"/> registered before wins;
    /// calling this twice is harmless.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options; they are validated when this method runs.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    public static IServiceCollection AddSidecarGuard(this IServiceCollection services, Action<SidecarGuardOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = new SidecarGuardOptions();
        configure?.Invoke(options);
        options.Validate();

        services.TryAddSingleton(options);
        services.TryAddSingleton(sp => new GrpcConversationGuard(sp.GetRequiredService<SidecarGuardOptions>(),
            sp.GetService<ILogger<GrpcConversationGuard>>()));
        services.TryAddSingleton<IConversationGuard>(sp => sp.GetRequiredService<GrpcConversationGuard>());
        services.TryAddSingleton<IEndReview>(sp => sp.GetRequiredService<GrpcConversationGuard>());
        return services;
    }
}
