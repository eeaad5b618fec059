using System.ComponentModel;
using Microsoft.Extensions.AI;

namespace SidecarGuard.Extensions.AI;

/// <summary>
/// The <c>end_conversation</c> tool as an <see cref="AIFunction"/>, for <see cref="ChatOptions.Tools"/>. It ends the
/// conversation of the turn under way (set by <see cref="GuardedChatClient"/>, or <see cref="ChatOptions.ConversationId"/>
/// of the call) through the guard; a refusal comes back to the model as the tool's result so it carries on, and a
/// successful end stops <see cref="FunctionInvokingChatClient"/>'s loop.
/// </summary>
public static class EndConversationFunction
{
    /// <summary>The tool's name, <c>end_conversation</c>.</summary>
    public const string Name = EndConversationTool.Name;

    /// <summary>Creates the tool over <paramref name="guard"/>.</summary>
    public static AIFunction Create(IConversationGuard guard)
    {
        ArgumentNullException.ThrowIfNull(guard);
        return AIFunctionFactory.Create(
            async ([Description(EndConversationTool.ReasonDescription)] string reason, CancellationToken cancellationToken) =>
            {
                var invocation = FunctionInvokingChatClient.CurrentContext;
                var conversationId = GuardScope.Current?.ConversationId ?? invocation?.Options?.ConversationId;
                var (ended, message) = await EndConversationTool.RunAsync(guard, conversationId, reason, cancellationToken).ConfigureAwait(false);
                if (ended && invocation is not null)
                {
                    // Nothing more should be generated once the conversation has ended.
                    invocation.Terminate = true;
                }

                return message;
            },
            new AIFunctionFactoryOptions { Name = EndConversationTool.Name, Description = EndConversationTool.Description });
    }
}
