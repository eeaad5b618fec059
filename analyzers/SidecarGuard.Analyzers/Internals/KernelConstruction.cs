using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace SidecarGuard.Analyzers.Internals;

/// <summary>
/// A kernel built in a method (<c>builder.Build()</c> or <c>new Kernel(...)</c>) and whether SidecarGuard's filters
/// were registered on the way. Builders and services that come from outside the method are given the benefit of the doubt.
/// </summary>
internal sealed class KernelConstruction
{
    internal const string RegistrationPrefix = "AddSidecarGuard";

    private KernelConstruction(IOperation operation, ISymbol? target)
    {
        Operation = operation;
        Target = target;
    }

    /// <summary>The Build() call or the object creation.</summary>
    public IOperation Operation { get; }

    /// <summary>The local, field or property the kernel is stored in, if any.</summary>
    public ISymbol? Target { get; }

    /// <summary>Returns the construction when <paramref name="operation"/> builds a kernel without the guard filters.</summary>
    public static KernelConstruction? TryCreateUnfiltered(IOperation operation, IOperation body, GuardSymbols symbols)
    {
        var unfiltered = operation switch
        {
            IInvocationOperation invocation => IsBuild(invocation, symbols) && !IsFilteredBuilder(invocation, body),
            IObjectCreationOperation creation => symbols.Kernel is not null
                && SymbolEqualityComparer.Default.Equals(creation.Type, symbols.Kernel) && !IsFilteredCreation(creation, body),
            _ => false,
        };
        return unfiltered ? new KernelConstruction(operation, FindTarget(operation)) : null;
    }

    /// <summary>The symbol a value is read from, when it is a plain local, field, property or parameter.</summary>
    public static ISymbol? GetReferencedSymbol(IOperation? value) => OperationShapes.SkipConversions(value) switch
    {
        ILocalReferenceOperation local => local.Local,
        IFieldReferenceOperation field => field.Field,
        IPropertyReferenceOperation property => property.Property,
        _ => null,
    };

    private static bool IsBuild(IInvocationOperation invocation, GuardSymbols symbols) =>
        invocation.TargetMethod.Name == "Build" && symbols.KernelBuilder is not null
        && SymbolRelations.IsAssignableTo(OperationShapes.SkipConversions(OperationShapes.GetReceiver(invocation))?.Type, symbols.KernelBuilder);

    private static bool IsRegistration(IInvocationOperation invocation) =>
        invocation.TargetMethod.Name.StartsWith(RegistrationPrefix, StringComparison.Ordinal);

    private static bool IsFilteredBuilder(IInvocationOperation build, IOperation body)
    {
        var root = WalkChain(OperationShapes.GetReceiver(build), out var registered);
        if (registered)
        {
            return true;
        }

        return root switch
        {
            ILocalReferenceOperation local => IsFilteredLocalBuilder(local.Local, body),
            IInvocationOperation or IObjectCreationOperation => false,
            _ => true,
        };
    }

    private static bool IsFilteredLocalBuilder(ILocalSymbol local, IOperation body)
    {
        var knownOrigin = false;
        foreach (var operation in body.Descendants())
        {
            if (operation is IInvocationOperation invocation && IsRegistration(invocation)
                && SymbolEqualityComparer.Default.Equals(GetReferencedSymbol(WalkChain(invocation, out _)), local))
            {
                return true;
            }

            if (AssignedValue(operation, local) is { } value)
            {
                var root = WalkChain(value, out var registered);
                if (registered)
                {
                    return true;
                }

                knownOrigin |= root is IInvocationOperation or IObjectCreationOperation;
            }
        }

        return !knownOrigin;
    }

    private static IOperation? AssignedValue(IOperation operation, ILocalSymbol local) => operation switch
    {
        IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local) =>
            declarator.Initializer?.Value,
        ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment
            when SymbolEqualityComparer.Default.Equals(target.Local, local) => assignment.Value,
        _ => null,
    };

    /// <summary>Follows a fluent chain (<c>a.B().C().Services</c>) back to where it starts.</summary>
    private static IOperation? WalkChain(IOperation? operation, out bool registered)
    {
        registered = false;
        operation = OperationShapes.SkipConversions(operation);
        while (true)
        {
            switch (operation)
            {
                case IInvocationOperation invocation when OperationShapes.GetReceiver(invocation) is { } receiver:
                    registered |= IsRegistration(invocation);
                    operation = OperationShapes.SkipConversions(receiver);
                    break;
                case IPropertyReferenceOperation { Instance: { } instance }:
                    operation = OperationShapes.SkipConversions(instance);
                    break;
                default:
                    if (operation is IInvocationOperation last)
                    {
                        registered |= IsRegistration(last);
                    }

                    return operation;
            }
        }
    }

    private static bool IsFilteredCreation(IObjectCreationOperation creation, IOperation body)
    {
        if (body.Descendants().OfType<IInvocationOperation>().Any(IsRegistration))
        {
            return true;
        }

        // Services handed in from outside may already carry the filters.
        return creation.Arguments.Any(a => a.ArgumentKind == ArgumentKind.Explicit
            && OperationShapes.SkipConversions(a.Value) is IParameterReferenceOperation or IFieldReferenceOperation or IPropertyReferenceOperation or IInvocationOperation);
    }

    private static ISymbol? FindTarget(IOperation construction)
    {
        var parent = construction.Parent;
        while (parent is IConversionOperation { IsImplicit: true })
        {
            parent = parent.Parent;
        }

        return parent switch
        {
            IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } => declarator.Symbol,
            ISimpleAssignmentOperation assignment => GetReferencedSymbol(assignment.Target),
            IFieldInitializerOperation field => field.InitializedFields.FirstOrDefault(),
            IPropertyInitializerOperation property => property.InitializedProperties.FirstOrDefault(),
            _ => null,
        };
    }
}
