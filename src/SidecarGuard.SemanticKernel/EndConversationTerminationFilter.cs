using Microsoft.SemanticKernel;
using SidecarGuard.Extensions.AI;

namespace SidecarGuard.SemanticKernel;

/// <summary>Stops the auto-function loop once <c>end_conversation</c> has ended the conversation: nothing more is generated.</summary>
internal sealed class EndConversationTerminationFilter : IAutoFunctionInvocationFilter
{
    public async Task OnAutoFunctionInvocationAsync(AutoFunctionInvocationContext context, Func<AutoFunctionInvocationContext, Task> next)
    {
        await next(context).ConfigureAwait(false);
        if (context.Function.Name == EndConversationTool.Name && context.Result.GetValue<object>() is EndConversationResult { Ended: true })
        {
            context.Terminate = true;
        }
    }
}
