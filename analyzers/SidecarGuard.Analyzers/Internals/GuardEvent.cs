using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace SidecarGuard.Analyzers.Internals;

/// <summary>A guard evaluation or a guard obligation inside a basic block, in evaluation order.</summary>
internal readonly struct GuardEvent
{
    private GuardEvent(IOperation operation, bool isGuard)
    {
        Operation = operation;
        IsGuard = isGuard;
    }

    /// <summary>The call or object creation.</summary>
    public IOperation Operation { get; }

    public bool IsGuard { get; }

    /// <summary>Lists a block's events; operands run before the operation that uses them, so walk post-order.</summary>
    public static ImmutableArray<GuardEvent> Collect(BasicBlock block, IGuardEventClassifier classifier, List<IFlowAnonymousFunctionOperation> functions)
    {
        var builder = ImmutableArray.CreateBuilder<GuardEvent>();
        foreach (var operation in block.Operations)
        {
            Visit(operation, classifier, builder, functions);
        }

        if (block.BranchValue is not null)
        {
            Visit(block.BranchValue, classifier, builder, functions);
        }

        return builder.ToImmutable();
    }

    private static void Visit(IOperation operation, IGuardEventClassifier classifier, ImmutableArray<GuardEvent>.Builder events, List<IFlowAnonymousFunctionOperation> functions)
    {
        if (operation is IFlowAnonymousFunctionOperation function)
        {
            functions.Add(function);
            return;
        }

        foreach (var child in operation.ChildOperations)
        {
            Visit(child, classifier, events, functions);
        }

        if (operation is IInvocationOperation or IObjectCreationOperation)
        {
            if (classifier.IsGuard(operation))
            {
                events.Add(new GuardEvent(operation, isGuard: true));
            }
            else if (classifier.IsObligation(operation))
            {
                events.Add(new GuardEvent(operation, isGuard: false));
            }
        }
    }
}
