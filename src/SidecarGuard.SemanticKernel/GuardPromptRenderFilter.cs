using System.Security;
using System.Xml;
using Microsoft.SemanticKernel;
using SidecarGuard.Extensions.AI;

namespace SidecarGuard.SemanticKernel;

/// <summary>
/// Puts the verdict's guidance in front of the model for the turn under way: a system message ahead of the rendered
/// prompt (a plain prompt becomes the user message that follows it).
/// </summary>
internal sealed class GuardPromptRenderFilter : IPromptRenderFilter
{
    public async Task OnPromptRenderAsync(PromptRenderContext context, Func<PromptRenderContext, Task> next)
    {
        await next(context).ConfigureAwait(false);
        if (GuardScope.Current is not { InstructionsDelivered: false } scope
            || TurnInstructions.For(scope.Verdict) is not { } instructions
            || context.RenderedPrompt is not { } rendered)
        {
            return;
        }

        var system = $"<message role=\"system\">{SecurityElement.Escape(instructions)}</message>";
        context.RenderedPrompt = rendered.Contains("<message", StringComparison.Ordinal)
            ? system + rendered
            : system + $"<message role=\"user\">{AsXmlText(rendered)}</message>";
        scope.InstructionsDelivered = true;
    }

    // A rendered prompt is usually XML-safe already (Semantic Kernel encodes variable values); literal '<' or '&' is escaped.
    private static string AsXmlText(string rendered)
    {
        try
        {
            using var reader = XmlReader.Create(new StringReader("<m>" + rendered + "</m>"), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit });
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.Element && reader.Name != "m")
                {
                    return SecurityElement.Escape(rendered);
                }
            }

            return rendered;
        }
        catch (XmlException)
        {
            return SecurityElement.Escape(rendered);
        }
    }
}
