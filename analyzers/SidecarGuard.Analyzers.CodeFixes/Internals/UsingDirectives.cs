using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SidecarGuard.Analyzers.CodeFixes.Internals;

/// <summary>Adds a using directive to a file when neither the file nor an enclosing namespace imports it yet.</summary>
internal static class UsingDirectives
{
    public static SyntaxNode Ensure(SyntaxNode root, SyntaxNode usedAt, string namespaceName)
    {
        if (root is not CompilationUnitSyntax unit || IsImported(unit, usedAt, namespaceName))
        {
            return root;
        }

        var newLine = LineEndings.Of(root);
        var directive = SyntaxFactory.ParseCompilationUnit("using " + namespaceName + ";").Usings[0].WithTrailingTrivia(newLine);
        var usings = unit.Usings;
        var index = usings.Count;
        for (var i = 0; i < usings.Count; i++)
        {
            var existing = usings[i].Name?.ToString() ?? string.Empty;
            if (!IsSystem(existing) && string.CompareOrdinal(existing, namespaceName) > 0)
            {
                index = i;
                break;
            }
        }

        if (usings.Count == 0)
        {
            directive = directive.WithTrailingTrivia(newLine, newLine);
        }

        return unit.WithUsings(usings.Insert(index, directive));
    }

    private static bool IsImported(CompilationUnitSyntax unit, SyntaxNode usedAt, string namespaceName)
    {
        if (unit.Usings.Any(u => u.Alias is null && u.StaticKeyword.IsKind(SyntaxKind.None) && u.Name?.ToString() == namespaceName))
        {
            return true;
        }

        return usedAt.Ancestors().OfType<BaseNamespaceDeclarationSyntax>().Any(ns =>
            ns.Name.ToString() == namespaceName || ns.Usings.Any(u => u.Name?.ToString() == namespaceName));
    }

    private static bool IsSystem(string name) => name == "System" || name.StartsWith("System.", StringComparison.Ordinal);
}
