using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SidecarGuard.Analyzers.CodeFixes.Internals;

/// <summary>
/// Inserts <c>var verdict = await guard.EvaluateTurnAsync(new TurnRequest(conversationId, userText), cancellationToken);</c>
/// and the ENDED check before a statement, using a guard, ids, text and token already in scope.
/// </summary>
internal static class GuardStatement
{
    private const string GuardMetadataName = "SidecarGuard.IConversationGuard";
    private const string RequestMetadataName = "SidecarGuard.TurnRequest";
    private const string VerdictMetadataName = "SidecarGuard.TurnVerdict";

    /// <summary>Placeholders the guard rejects as an invalid id, so a missing id fails loudly rather than silently.</summary>
    private const string MissingConversationId = "\"<conversation id>\"";
    private const string MissingUserText = "\"<user text>\"";

    private static readonly string[] TextNames = { "userText", "text", "message", "userMessage", "prompt", "input", "question" };

    /// <summary>
    /// The statement to insert before: in the innermost block holding all the calls, the first statement leading to any.
    /// Statements earlier in a block run before later ones, so one guard there covers every call.
    /// </summary>
    public static StatementSyntax? FindAnchor(IReadOnlyList<SyntaxNode> calls)
    {
        if (calls.Count == 0)
        {
            return null;
        }

        var function = FunctionExit.FindFunction(calls[0]);
        var block = calls[0].Ancestors()
            .TakeWhile(n => n != function)
            .OfType<BlockSyntax>()
            .FirstOrDefault(b => FunctionExit.FindFunction(b) == function && calls.All(c => b.Span.Contains(c.Span)));
        return block?.Statements.FirstOrDefault(s => calls.Any(c => s.Span.Contains(c.Span)));
    }

    public static bool CanInsert(SemanticModel model, StatementSyntax anchor) =>
        FunctionExit.FindFunctionSymbol(model, anchor) is { IsAsync: true }
        && model.Compilation.GetTypeByMetadataName(RequestMetadataName) is not null
        && FindGuard(model, anchor) is not null;

    public static SyntaxNode? Insert(SyntaxNode root, SemanticModel model, StatementSyntax anchor)
    {
        var request = model.Compilation.GetTypeByMetadataName(RequestMetadataName);
        var guard = FindGuard(model, anchor);
        if (request is null || guard is null || !CanInsert(model, anchor))
        {
            return null;
        }

        var position = anchor.SpanStart;
        var strings = VisibleValues(model, anchor, model.Compilation.GetSpecialType(SpecialType.System_String)).ToList();
        var conversationId = strings.FirstOrDefault(s => s.Name.Equals("conversationId", StringComparison.OrdinalIgnoreCase))
            ?? strings.FirstOrDefault(s => s.Name.IndexOf("conversation", StringComparison.OrdinalIgnoreCase) >= 0);
        var userText = TextNames.Select(n => strings.FirstOrDefault(s => s.Name.Equals(n, StringComparison.OrdinalIgnoreCase))).FirstOrDefault(s => s is not null);
        var token = VisibleValues(model, anchor, model.Compilation.GetTypeByMetadataName("System.Threading.CancellationToken")).FirstOrDefault();

        var evaluation = "await " + guard.Name + ".EvaluateTurnAsync(new " + request.ToMinimalDisplayString(model, position)
            + "(" + (conversationId?.Name ?? MissingConversationId) + ", " + (userText?.Name ?? MissingUserText) + ")"
            + (token is null ? string.Empty : ", " + token.Name) + ")";
        var statements = VerdictCheck.Create(
            model, anchor, evaluation, model.Compilation.GetTypeByMetadataName(VerdictMetadataName), anchor.GetLeadingTrivia());
        var indentation = anchor.GetLeadingTrivia().Where(t => t.IsKind(SyntaxKind.WhitespaceTrivia)).LastOrDefault();
        return root.ReplaceNode(anchor, statements.Concat(new[] { anchor.WithLeadingTrivia(indentation) }));
    }

    private static ISymbol? FindGuard(SemanticModel model, StatementSyntax anchor)
    {
        var guardType = model.Compilation.GetTypeByMetadataName(GuardMetadataName);
        return guardType is null ? null : VisibleValues(model, anchor, guardType).FirstOrDefault();
    }

    /// <summary>Parameters, earlier locals, fields and properties of (or convertible to) <paramref name="type"/>, nearest first.</summary>
    private static IEnumerable<ISymbol> VisibleValues(SemanticModel model, StatementSyntax anchor, ITypeSymbol? type)
    {
        if (type is null)
        {
            return Enumerable.Empty<ISymbol>();
        }

        var position = anchor.SpanStart;
        var staticContext = IsStaticContext(model.GetEnclosingSymbol(position));
        return model.LookupSymbols(position)
            .Where(s => IsUsable(s, position, staticContext) && ValueType(s) is { } valueType
                && model.Compilation.ClassifyConversion(valueType, type).IsImplicit)
            .OrderBy(s => s.Kind switch { SymbolKind.Parameter => 0, SymbolKind.Local => 1, SymbolKind.Field => 2, _ => 3 });
    }

    private static bool IsUsable(ISymbol symbol, int position, bool staticContext) => symbol switch
    {
        IParameterSymbol => true,
        ILocalSymbol local => local.DeclaringSyntaxReferences.All(r => r.Span.End < position),
        IFieldSymbol or IPropertySymbol => symbol.IsStatic || !staticContext,
        _ => false,
    };

    private static ITypeSymbol? ValueType(ISymbol symbol) => symbol switch
    {
        IParameterSymbol parameter => parameter.Type,
        ILocalSymbol local => local.Type,
        IFieldSymbol field => field.Type,
        IPropertySymbol { IsIndexer: false } property => property.Type,
        _ => null,
    };

    private static bool IsStaticContext(ISymbol? symbol)
    {
        for (var current = symbol; current is IMethodSymbol method; current = current.ContainingSymbol)
        {
            if (method.IsStatic)
            {
                return true;
            }
        }

        return false;
    }
}
