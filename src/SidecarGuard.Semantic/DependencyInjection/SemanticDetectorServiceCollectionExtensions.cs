using Microsoft.Extensions.DependencyInjection.Extensions;
using SidecarGuard.Core.Detection;
using SidecarGuard.Semantic;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the semantic stage as the guard's detector.</summary>
public static class SemanticDetectorServiceCollectionExtensions
{
    /// <summary>
    /// Makes the guard's <see cref="ITurnDetector"/> the one the sidecar runs by default: the built-in lexicons with the
    /// semantic stage beside them (<see cref="SemanticDetector"/>). Replaces a detector registered before, so it may be
    /// called before or after <c>AddSidecarGuardInProcess</c>. The encoder loads once per process on first use.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <returns>The same collection, for chaining.</returns>
    public static IServiceCollection AddSidecarGuardSemanticDetector(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.Replace(ServiceDescriptor.Singleton<ITurnDetector>(_ => SemanticDetector.Create(new LexiconDetector())));
        return services;
    }
}
