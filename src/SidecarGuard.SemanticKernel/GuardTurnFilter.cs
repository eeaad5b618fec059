using Microsoft.SemanticKernel;
using SidecarGuard.Extensions.AI;

namespace SidecarGuard.SemanticKernel;

/// <summary>
/// Judges the user's turn before a prompt or chat invocation through the Kernel whose arguments carry
/// <see cref="SidecarGuardKernelArguments.ConversationId"/> and <see cref="SidecarGuardKernelArguments.UserText"/>.
/// ENDED stops the invocation with <see cref="ConversationEndedException"/>; any other verdict becomes the turn's scope,
/// which the prompt filter turns into instructions and <c>end_conversation</c> reads for the conversation id.
/// </summary>
internal sealed class GuardTurnFilter(IConversationGuard guard) : IFunctionInvocationFilter
{
    [ConversationGuard]
    public async Task OnFunctionInvocationAsync(FunctionInvocationContext context, Func<FunctionInvocationContext, Task> next)
    {
        if (!TurnArguments.TryRead(context.Arguments, out var conversationId, out var request))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var scope = GuardScope.Matching(conversationId, request.UserText)
            ?? new GuardScope(conversationId, request.UserText,
                await guard.EvaluateTurnAsync(request, context.CancellationToken).ConfigureAwait(false));
        if (scope.Verdict.Action == TurnAction.Ended)
        {
            throw new ConversationEndedException(conversationId);
        }

        using (GuardScope.Enter(scope))
        {
            await next(context).ConfigureAwait(false);
        }
    }
}
