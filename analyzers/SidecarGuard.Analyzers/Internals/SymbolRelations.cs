using System.Linq;
using Microsoft.CodeAnalysis;

namespace SidecarGuard.Analyzers.Internals;

/// <summary>How symbols relate: inheritance, interface implementation, attributes inherited along both.</summary>
internal static class SymbolRelations
{
    /// <summary>True when <paramref name="type"/> is or derives from <paramref name="baseType"/>.</summary>
    public static bool InheritsFrom(ITypeSymbol? type, INamedTypeSymbol baseType)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, baseType))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when <paramref name="type"/> is, derives from or implements <paramref name="baseType"/>.</summary>
    public static bool IsAssignableTo(ITypeSymbol? type, INamedTypeSymbol? baseType)
    {
        if (type is null || baseType is null)
        {
            return false;
        }

        return InheritsFrom(type, baseType)
            || type.AllInterfaces.Any(i => SymbolEqualityComparer.Default.Equals(i.OriginalDefinition, baseType));
    }

    /// <summary>True when <paramref name="method"/> is a member of <paramref name="contract"/> or implements one.</summary>
    public static bool ImplementsMemberOf(IMethodSymbol method, INamedTypeSymbol? contract)
    {
        if (contract is null)
        {
            return false;
        }

        if (SymbolEqualityComparer.Default.Equals(method.ContainingType.OriginalDefinition, contract))
        {
            return true;
        }

        if (!method.ContainingType.AllInterfaces.Contains(contract, SymbolEqualityComparer.Default))
        {
            return false;
        }

        var definition = method.OriginalDefinition;
        foreach (var member in contract.GetMembers(method.Name))
        {
            var implementation = method.ContainingType.FindImplementationForInterfaceMember(member);
            for (var candidate = definition; candidate is not null; candidate = candidate.OverriddenMethod)
            {
                if (SymbolEqualityComparer.Default.Equals(implementation?.OriginalDefinition, candidate.OriginalDefinition))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>True when the method, what it overrides or an interface member it implements carries <paramref name="attribute"/>.</summary>
    public static bool HasAttribute(IMethodSymbol method, INamedTypeSymbol? attribute, bool followImplementations)
    {
        if (attribute is null)
        {
            return false;
        }

        for (var candidate = method.OriginalDefinition; candidate is not null; candidate = candidate.OverriddenMethod)
        {
            if (candidate.GetAttributes().Any(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, attribute)))
            {
                return true;
            }
        }

        if (!followImplementations || method.ContainingType is null)
        {
            return false;
        }

        foreach (var implemented in method.ExplicitInterfaceImplementations)
        {
            if (HasAttribute(implemented, attribute, followImplementations: false))
            {
                return true;
            }
        }

        foreach (var iface in method.ContainingType.AllInterfaces)
        {
            foreach (var member in iface.GetMembers(method.Name).OfType<IMethodSymbol>())
            {
                var implementation = method.ContainingType.FindImplementationForInterfaceMember(member);
                if (SymbolEqualityComparer.Default.Equals(implementation?.OriginalDefinition, method.OriginalDefinition)
                    && HasAttribute(member, attribute, followImplementations: false))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
