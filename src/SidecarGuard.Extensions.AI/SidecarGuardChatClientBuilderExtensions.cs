using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace SidecarGuard.Extensions.AI;

/// <summary>Adds <see cref="GuardedChatClient"/> to a chat client pipeline.</summary>
public static class SidecarGuardChatClientBuilderExtensions
{
    /// <summary>
    /// Adds <see cref="GuardedChatClient"/> at this point of the pipeline. Call it before <c>UseFunctionInvocation()</c>
    /// so the guard sits outside the tool loop.
    /// </summary>
    /// <param name="builder">The pipeline builder.</param>
    /// <param name="guard">The guard; when <see langword="null"/>, the <see cref="IConversationGuard"/> registered in the builder's services.</param>
    /// <param name="configure">Adjusts the middleware's settings.</param>
    /// <returns><paramref name="builder"/>, for chaining.</returns>
    public static ChatClientBuilder UseSidecarGuard(this ChatClientBuilder builder, IConversationGuard? guard = null,
        Action<GuardedChatClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new GuardedChatClientOptions();
        configure?.Invoke(options);
        return builder.Use((inner, services) => new GuardedChatClient(inner,
            guard ?? services.GetService<IConversationGuard>()
                ?? throw new InvalidOperationException("UseSidecarGuard needs an IConversationGuard: pass one, or register it (services.AddSidecarGuard(...))."),
            options));
    }
}
