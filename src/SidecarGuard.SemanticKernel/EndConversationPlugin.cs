using System.ComponentModel;
using Microsoft.SemanticKernel;
using SidecarGuard.Extensions.AI;

namespace SidecarGuard.SemanticKernel;

/// <summary>
/// The <c>end_conversation</c> tool for Semantic Kernel. It ends the conversation of the turn under way (known from
/// the guard filters or <see cref="GuardedChatCompletionService"/>, or from <see cref="SidecarGuardKernelArguments.ConversationId"/>
/// in the arguments) through the guard. A refusal is returned to the model as the result so it carries on; after a
/// successful end the termination filter stops the auto-function loop.
/// </summary>
public sealed class EndConversationPlugin
{
    /// <summary>The plugin name used by <see cref="SidecarGuardKernelBuilderExtensions.AddSidecarGuardFilters"/>.</summary>
    public const string PluginName = "SidecarGuard";

    private readonly IConversationGuard _guard;

    /// <summary>Creates the plugin over <paramref name="guard"/>.</summary>
    public EndConversationPlugin(IConversationGuard guard)
    {
        ArgumentNullException.ThrowIfNull(guard);
        _guard = guard;
    }

    /// <summary>Ends the current conversation if policy permits it.</summary>
    /// <param name="reason"><c>abuse</c> or <c>user_requested</c>.</param>
    /// <param name="arguments">The invocation's arguments; consulted for the conversation id when no turn is under way.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether the conversation ended, and a message for the model.</returns>
    [KernelFunction(EndConversationTool.Name)]
    [Description(EndConversationTool.Description)]
    public async Task<EndConversationResult> EndConversationAsync(
        [Description(EndConversationTool.ReasonDescription)] string reason,
        KernelArguments? arguments = null,
        CancellationToken cancellationToken = default)
    {
        var conversationId = GuardScope.Current?.ConversationId
            ?? (arguments is not null && arguments.TryGetValue(SidecarGuardKernelArguments.ConversationId, out var id) ? id?.ToString() : null);
        var (ended, message) = await EndConversationTool.RunAsync(_guard, conversationId, reason, cancellationToken).ConfigureAwait(false);
        return new EndConversationResult(ended, message);
    }
}
