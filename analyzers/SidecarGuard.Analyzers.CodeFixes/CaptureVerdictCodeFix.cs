using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SidecarGuard.Analyzers.CodeFixes.Internals;

namespace SidecarGuard.Analyzers.CodeFixes;

/// <summary>SG1003: captures the discarded verdict and leaves the function when the conversation has ENDED.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(CaptureVerdictCodeFix)), Shared]
public sealed class CaptureVerdictCodeFix : CodeFixProvider
{
    private const string EquivalenceKey = RuleIdentifiers.IgnoredVerdict + ".CaptureVerdict";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIdentifiers.IgnoredVerdict);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => SequentialFixAll.Create(
        (root, diagnostics, _) => diagnostics.Select(d => SequentialFixAll.FindNode<ExpressionStatementSyntax>(root, d)).OfType<SyntaxNode>().Where(IsInStatementList),
        ApplyAsync);

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        var diagnostic = context.Diagnostics[0];
        if (root is null || model is null
            || SequentialFixAll.FindNode<ExpressionStatementSyntax>(root, diagnostic) is not { } statement || !IsInStatementList(statement)
            || !VerdictCheck.CanCheck(DescribeEvaluation(model, statement).VerdictType))
        {
            // Capturing a verdict nothing can check (a task that cannot be awaited here) would only hide the warning.
            return;
        }

        context.RegisterCodeFix(
            CodeAction.Create("Act on the guard verdict", SequentialFixAll.Single(context.Document, statement, EquivalenceKey, ApplyAsync), EquivalenceKey),
            diagnostic);
    }

    private static bool IsInStatementList(SyntaxNode statement) => statement.Parent is BlockSyntax or SwitchSectionSyntax;

    private static async Task<Document> ApplyAsync(Document document, SyntaxNode node, string key, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null || node is not ExpressionStatementSyntax statement)
        {
            return document;
        }

        var (evaluation, verdictType) = DescribeEvaluation(model, statement);
        var statements = VerdictCheck.Create(model, statement, evaluation, verdictType, statement.GetLeadingTrivia());
        return document.WithSyntaxRoot(root.ReplaceNode(statement, statements));
    }

    /// <summary>The expression to capture, awaited when the function can await it, and the verdict type it yields.</summary>
    private static (string Evaluation, ITypeSymbol? VerdictType) DescribeEvaluation(SemanticModel model, ExpressionStatementSyntax statement)
    {
        var expression = statement.Expression;
        var evaluation = expression.WithoutTrivia().ToString();
        var resultType = model.GetTypeInfo(expression).Type;
        if (expression is not AwaitExpressionSyntax && FunctionExit.FindFunctionSymbol(model, statement) is { IsAsync: true }
            && AwaitedType(resultType) is { } awaited)
        {
            return ("await " + evaluation, awaited);
        }

        return (evaluation, resultType);
    }

    /// <summary>The result type of <c>Task&lt;T&gt;</c> or <c>ValueTask&lt;T&gt;</c>.</summary>
    private static ITypeSymbol? AwaitedType(ITypeSymbol? type) =>
        type is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1, Name: "Task" or "ValueTask" } task ? task.TypeArguments[0] : null;
}
