using Microsoft.Extensions.DependencyInjection.Extensions;
using SidecarGuard;
using SidecarGuard.Core.Detection;
using SidecarGuard.Core.Guard;
using SidecarGuard.Core.Policy;
using SidecarGuard.Core.Storage;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// The composition root of a guard, shared by the sidecar's host, <c>replay</c> and the in-process mode, so each runs
/// the same parts: whatever <see cref="ITurnDetector"/> (with judges), <see cref="IConversationStore"/>,
/// <see cref="PolicyHolder"/>, <see cref="GuardOptions"/> and <see cref="TimeProvider"/> are registered, and built-in
/// defaults for those that are not.
/// </summary>
public static class ConversationGuardServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IConversationGuard"/> and <see cref="ConversationGuardFactory"/>. Every part is added with
    /// TryAdd, so registrations made before win: the lexicon detector, an in-memory store, the built-in policy,
    /// default limits and the system clock fill the gaps. Judges (<c>AddSidecarGuardJudges</c>) and other detectors
    /// may be registered before or after this call; the guard is built when first resolved.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="policy">The policy when none is registered; null: the built-in policy.</param>
    /// <param name="options">Limits and privacy settings when none are registered; null: the defaults.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    public static IServiceCollection AddConversationGuard(this IServiceCollection services, PolicyOptions? policy = null,
        GuardOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(_ => new PolicyHolder(policy ?? new PolicyOptions()));
        services.TryAddSingleton(options ?? new GuardOptions());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ITurnDetector, LexiconDetector>();
        services.TryAddSingleton<IConversationStore, InMemoryConversationStore>();
        services.TryAddSingleton(sp => new ConversationGuardFactory(
            sp.GetRequiredService<ITurnDetector>(),
            sp.GetRequiredService<PolicyHolder>(),
            sp.GetRequiredService<GuardOptions>(),
            sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IConversationGuard>(sp =>
            sp.GetRequiredService<ConversationGuardFactory>().Create(sp.GetRequiredService<IConversationStore>()));
        // The review of ends reads the same store; a guard registered in its place that cannot review says so.
        services.TryAddSingleton<IEndReview>(sp => sp.GetRequiredService<IConversationGuard>() as IEndReview
            ?? throw new InvalidOperationException(
                $"The registered IConversationGuard ({sp.GetRequiredService<IConversationGuard>().GetType().Name}) does not implement IEndReview; register one."));
        return services;
    }
}
