using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SidecarGuard.Analyzers.CodeFixes.Internals;

/// <summary>
/// Writes the two statements that make a guard evaluation count: capture the verdict, then leave the function when
/// the conversation has ENDED (<c>return;</c>, <c>return default;</c> or <c>yield break;</c>, whatever compiles there).
/// </summary>
internal static class VerdictCheck
{
    private const string PreferredName = "verdict";

    /// <summary>Builds the statements replacing or preceding <paramref name="anchor"/>, indented like it.</summary>
    public static IReadOnlyList<StatementSyntax> Create(
        SemanticModel model, StatementSyntax anchor, string evaluation, ITypeSymbol? verdictType, SyntaxTriviaList leadingTrivia)
    {
        var name = ChooseName(model, anchor);
        var indentation = SyntaxFactory.TriviaList(leadingTrivia.Where(t => t.IsKind(SyntaxKind.WhitespaceTrivia)).LastOrDefault());
        var newLine = LineEndings.Of(anchor);
        var statements = new List<StatementSyntax>
        {
            SyntaxFactory.ParseStatement("var " + name + " = " + evaluation + ";")
                .WithLeadingTrivia(leadingTrivia)
                .WithTrailingTrivia(newLine),
        };

        var endedCheck = FindEndedCheck(model, anchor.SpanStart, verdictType);
        if (endedCheck is not null)
        {
            var exit = FunctionExit.For(model, anchor);
            statements.Add(SyntaxFactory.ParseStatement("if (" + name + endedCheck + ") { " + exit + " }")
                .WithLeadingTrivia(indentation)
                .WithTrailingTrivia(newLine));
        }

        return statements;
    }

    /// <summary>True when the verdict has an <c>Action</c> that can be <c>Ended</c>, so there is something to check.</summary>
    public static bool CanCheck(ITypeSymbol? verdictType) => FindActionType(verdictType) is not null;

    /// <summary>Returns <c>.Action == TurnAction.Ended</c> when the verdict type has such an action, else null.</summary>
    private static string? FindEndedCheck(SemanticModel model, int position, ITypeSymbol? verdictType) =>
        FindActionType(verdictType) is { } actionType ? ".Action == " + actionType.ToMinimalDisplayString(model, position) + ".Ended" : null;

    private static INamedTypeSymbol? FindActionType(ITypeSymbol? verdictType)
    {
        var action = verdictType?.GetMembers("Action").OfType<IPropertySymbol>().FirstOrDefault();
        return action?.Type is INamedTypeSymbol { TypeKind: TypeKind.Enum } actionType && !actionType.GetMembers("Ended").IsEmpty
            ? actionType
            : null;
    }

    private static string ChooseName(SemanticModel model, StatementSyntax anchor)
    {
        var function = FunctionExit.FindFunction(anchor) ?? anchor;
        var taken = new HashSet<string>(model.LookupSymbols(anchor.SpanStart).Select(s => s.Name));
        foreach (var token in function.DescendantTokens().Where(t => t.IsKind(SyntaxKind.IdentifierToken)))
        {
            taken.Add(token.ValueText);
        }

        var name = PreferredName;
        for (var suffix = 2; taken.Contains(name); suffix++)
        {
            name = PreferredName + suffix;
        }

        return name;
    }
}
