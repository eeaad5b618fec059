using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SidecarGuard.Analyzers.CodeFixes.Internals;

/// <summary>Finds the function a statement belongs to and the statement that leaves it early and still compiles.</summary>
internal static class FunctionExit
{
    /// <summary>The innermost method, accessor, constructor, local function, lambda or top-level code around a node.</summary>
    public static SyntaxNode? FindFunction(SyntaxNode node) => node.Ancestors().FirstOrDefault(IsFunction);

    /// <summary>The symbol of the function around a node.</summary>
    public static IMethodSymbol? FindFunctionSymbol(SemanticModel model, SyntaxNode node)
    {
        var function = FindFunction(node);
        return function switch
        {
            null => null,
            AnonymousFunctionExpressionSyntax lambda => model.GetSymbolInfo(lambda).Symbol as IMethodSymbol,
            GlobalStatementSyntax => model.GetEnclosingSymbol(node.SpanStart) as IMethodSymbol,
            _ => model.GetDeclaredSymbol(function) as IMethodSymbol,
        };
    }

    /// <summary><c>return;</c>, <c>return default;</c> or <c>yield break;</c>.</summary>
    public static string For(SemanticModel model, SyntaxNode node)
    {
        var function = FindFunction(node);
        if (function is not null && function.DescendantNodes(n => n == function || !IsFunction(n)).OfType<YieldStatementSyntax>().Any())
        {
            return "yield break;";
        }

        var symbol = FindFunctionSymbol(model, node);
        if (symbol is null || symbol.ReturnsVoid || function is GlobalStatementSyntax)
        {
            return "return;";
        }

        var returnType = symbol.ReturnType;
        if (symbol.IsAsync && returnType is INamedTypeSymbol { IsGenericType: false } && returnType.Name is "Task" or "ValueTask")
        {
            return "return;";
        }

        var annotations = (model.GetNullableContext(node.SpanStart) & NullableContext.AnnotationsEnabled) != 0;
        return annotations ? "return default!;" : "return default;";
    }

    private static bool IsFunction(SyntaxNode node) =>
        node is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or LocalFunctionStatementSyntax
            or AnonymousFunctionExpressionSyntax or GlobalStatementSyntax;
}
