using Microsoft.Extensions.DependencyInjection.Extensions;
using SidecarGuard;
using SidecarGuard.Core.Detection;
using SidecarGuard.Core.Guard;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the guard in process: the policy engine the sidecar runs, in the app, without a sidecar.</summary>
public static class InProcessGuardServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ConversationGuard"/> as the singleton <see cref="IConversationGuard"/>: the same
    /// policy engine the sidecar runs, with the built-in <see cref="LexiconDetector"/>, in this process. An
    /// <see cref="IConversationGuard"/> registered before wins; calling this twice is harmless. The sidecar's default
    /// detector adds the semantic stage; to run the same in process, reference <c>SidecarGuard.Semantic</c> and call
    /// <c>AddSidecarGuardSemanticDetector()</c> (any <see cref="ITurnDetector"/> registered before is used instead).
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the policy, the store and the limits.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    public static IServiceCollection AddSidecarGuardInProcess(this IServiceCollection services, Action<InProcessGuardOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = new InProcessGuardOptions();
        configure?.Invoke(options);
        ArgumentNullException.ThrowIfNull(options.Policy, nameof(options.Policy));
        ArgumentNullException.ThrowIfNull(options.Guard, nameof(options.Guard));

        if (options.Store is not null)
        {
            services.TryAddSingleton(options.Store);
        }

        services.AddConversationGuard(options.Policy, options.Guard);
        return services;
    }
}
