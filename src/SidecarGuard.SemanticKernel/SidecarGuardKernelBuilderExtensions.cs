using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.SemanticKernel;

namespace SidecarGuard.SemanticKernel;

/// <summary>Registers SidecarGuard with a Semantic Kernel.</summary>
public static class SidecarGuardKernelBuilderExtensions
{
    /// <summary>
    /// Adds the guard filters and the <c>end_conversation</c> plugin (named <see cref="EndConversationPlugin.PluginName"/>):
    /// a function filter that judges each user turn passed in <see cref="SidecarGuardKernelArguments"/>, a prompt filter
    /// that gives the model the verdict's guidance, and an auto-function filter that stops the tool loop after a
    /// successful end. The <see cref="IConversationGuard"/> comes from the builder's services (for example
    /// <c>builder.Services.AddSidecarGuard(...)</c>). Calling this twice is harmless.
    /// </summary>
    /// <param name="builder">The kernel builder.</param>
    /// <returns><paramref name="builder"/>, for chaining.</returns>
    public static IKernelBuilder AddSidecarGuardFilters(this IKernelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        if (services.Any(d => d.ServiceType == typeof(EndConversationPlugin)))
        {
            return builder;
        }

        services.TryAddSingleton<EndConversationPlugin>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IFunctionInvocationFilter, GuardTurnFilter>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPromptRenderFilter, GuardPromptRenderFilter>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAutoFunctionInvocationFilter, EndConversationTerminationFilter>());
        services.AddSingleton<KernelPlugin>(sp => KernelPluginFactory.CreateFromObject(sp.GetRequiredService<EndConversationPlugin>(), EndConversationPlugin.PluginName));
        return builder;
    }
}
