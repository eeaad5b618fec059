using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace SidecarGuard.Analyzers.Internals;

/// <summary>A set of <c>Namespace.Type.Method</c> names read from .editorconfig.</summary>
internal sealed class MethodNameList
{
    public static readonly MethodNameList Empty = new(ImmutableHashSet<string>.Empty);

    private static readonly SymbolDisplayFormat TypeNameFormat = new(
        typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypesAndNamespaces,
        genericsOptions: SymbolDisplayGenericsOptions.None);

    private readonly ImmutableHashSet<string> _names;

    private MethodNameList(ImmutableHashSet<string> names) => _names = names;

    /// <summary>Parses a semicolon-separated list; blanks and surrounding spaces are ignored.</summary>
    public static MethodNameList Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return Empty;
        }

        var names = value!.Split(new[] { ';', ',' }, StringSplitOptions.RemoveEmptyEntries)
            .Select(n => n.Trim())
            .Where(n => n.Length > 0)
            .ToImmutableHashSet(StringComparer.Ordinal);
        return new MethodNameList(names);
    }

    public bool Matches(IMethodSymbol method)
    {
        if (_names.IsEmpty || method.ContainingType is null)
        {
            return false;
        }

        var reduced = method.ReducedFrom ?? method;
        return _names.Contains(reduced.ContainingType.ToDisplayString(TypeNameFormat) + "." + reduced.Name);
    }
}
