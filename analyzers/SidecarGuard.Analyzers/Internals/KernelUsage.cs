using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace SidecarGuard.Analyzers.Internals;

/// <summary>Recognises the operations that hand a kernel to prompts, chat or agents.</summary>
internal static class KernelUsage
{
    private static readonly ImmutableHashSet<string> ChatMethodNames = ImmutableHashSet.Create(
        "InvokePromptAsync", "InvokePromptStreamingAsync", "InvokeAsync", "InvokeStreamingAsync",
        "GetChatMessageContentsAsync", "GetChatMessageContentAsync", "GetStreamingChatMessageContentsAsync");

    private static readonly ImmutableHashSet<string> ServiceLookupNames = ImmutableHashSet.Create("GetRequiredService", "GetService");

    /// <summary>The kernel values <paramref name="operation"/> uses for chat; empty when it uses none.</summary>
    public static ImmutableArray<IOperation> GetChatKernels(IOperation operation, GuardSymbols symbols) => operation switch
    {
        IInvocationOperation invocation => FromInvocation(invocation, symbols),
        IObjectCreationOperation creation when IsAgentType(creation.Type, symbols) => KernelArguments(creation.Arguments, symbols),
        ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "Kernel" } target } assignment
            when IsAgentType(target.Property.ContainingType, symbols) => ImmutableArray.Create(assignment.Value),
        _ => ImmutableArray<IOperation>.Empty,
    };

    private static ImmutableArray<IOperation> FromInvocation(IInvocationOperation invocation, GuardSymbols symbols)
    {
        var method = invocation.TargetMethod;
        var receiver = OperationShapes.GetReceiver(invocation);
        if (ServiceLookupNames.Contains(method.Name) && receiver is not null && IsKernel(receiver, symbols)
            && method.TypeArguments.Any(t => IsChatService(t, symbols)))
        {
            return ImmutableArray.Create(receiver);
        }

        if (!ChatMethodNames.Contains(method.Name) && !IsAgentType(method.ContainingType, symbols))
        {
            return ImmutableArray<IOperation>.Empty;
        }

        var kernels = KernelArguments(invocation.Arguments, symbols);
        return invocation.Instance is not null && IsKernel(invocation.Instance, symbols) ? kernels.Add(invocation.Instance) : kernels;
    }

    private static ImmutableArray<IOperation> KernelArguments(ImmutableArray<IArgumentOperation> arguments, GuardSymbols symbols) =>
        arguments.Select(a => a.Value).Where(v => IsKernel(v, symbols)).ToImmutableArray();

    private static bool IsKernel(IOperation value, GuardSymbols symbols) =>
        symbols.Kernel is not null && SymbolRelations.InheritsFrom(OperationShapes.SkipConversions(value)?.Type, symbols.Kernel);

    private static bool IsChatService(ITypeSymbol type, GuardSymbols symbols) =>
        SymbolEqualityComparer.Default.Equals(type, symbols.ChatCompletionService)
        || SymbolEqualityComparer.Default.Equals(type, symbols.ChatClient);

    private static bool IsAgentType(ITypeSymbol? type, GuardSymbols symbols) =>
        symbols.Agent is not null ? SymbolRelations.InheritsFrom(type, symbols.Agent) : type?.Name.EndsWith("Agent", System.StringComparison.Ordinal) == true;
}
